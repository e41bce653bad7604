"""Shared API pieces: one error shape for every endpoint, its schema, and input checking."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.ratelimit import RATE_LIMITED

# The error bodies as the schema documents them.
ERROR = OpenApiResponse(OpenApiTypes.OBJECT, description='{"detail": "..."}')
FIELD_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT, description='{"field": ["message", ...]} or {"detail": "..."}'
)


def validated(serializer_class, request, data=None) -> dict:
    """``data`` (default: the request's) checked by ``serializer_class``; a 400 with field
    errors when it does not pass."""
    serializer = serializer_class(
        data=request.data if data is None else data, context={"request": request}
    )
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def exception_handler(exc, context):
    """DRF's handler, plus Django ``ValidationError`` from services as a 400 with fields.

    Every error body is JSON: ``{"detail": "..."}`` or ``{"field": ["message", ...]}``.
    """
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            data = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
        else:
            data = {"detail": " ".join(str(m) for m in exc.messages)}
        codes = {error.code for error in getattr(exc, "error_list", ())}
        if RATE_LIMITED in codes:
            return Response(data, status=status.HTTP_429_TOO_MANY_REQUESTS)
        return Response(data, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):  # Keep the service's explanation.
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)


def not_found(request, *args, **kwargs):
    """Unknown paths under /api/v1/ answer a JSON 404 too (the last URL pattern there)."""
    return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
