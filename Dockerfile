# Kolega production image: one image for the web (uvicorn, HTTP + WebSocket), the Celery
# worker and beat; docker-compose.yml picks the command. Settings come from the environment.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext: compilemessages needs msgfmt.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# The pinned requirements first, so code changes do not reinstall them.
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt

COPY . .

# Build steps need settings to load; with DEBUG off that takes a SECRET_KEY. This one exists
# only during the build: the running containers get the real one from the environment.
RUN export SECRET_KEY=build-time-only-not-a-secret \
    && if find locale -name '*.po' 2>/dev/null | grep -q .; then \
           python manage.py compilemessages --verbosity 0; \
       fi \
    && python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --system --user-group --home-dir /app kolega \
    && mkdir -p media \
    && chown -R kolega:kolega media staticfiles

USER kolega

EXPOSE 8000

CMD ["uvicorn", "esn.asgi:application", "--host", "0.0.0.0", "--port", "8000", \
     "--proxy-headers", "--forwarded-allow-ips", "*"]
