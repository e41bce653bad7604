"""The upload size limit, enforced while the request is read: a file past ``FILE_MAX_BYTES``
is dropped as soon as it passes the limit (its temporary file deleted, nothing stored), and a
request that declares more than ``FILE_UPLOAD_MAX_FILES`` such files is not read at all.

The services check the size again (``files.services._common.check_upload``); this is what
keeps a 5 GB body from reaching the disk first.

Upload handlers must be in place before anything reads ``request.POST``, and Django's CSRF
check reads it. So an HTML view uses ``size_limited_upload`` (which exempts the view from the
middleware's check and runs the same check itself, after installing the handler); a DRF view
calls ``install_size_limit(request)`` on the Django request before DRF authenticates it::

    class Upload(APIView):
        def initialize_request(self, request, *args, **kwargs):
            install_size_limit(request)
            return super().initialize_request(request, *args, **kwargs)

Either way ``request.upload_refused`` then lists a message for every file that was too large
(empty when none was).
"""

from functools import wraps

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpResponse, QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from core.files import clean_file_name

# Room for the multipart boundaries, headers and ordinary form fields around the files.
REQUEST_OVERHEAD = 1024 * 1024


class SizeLimitedUploadHandler(FileUploadHandler):
    """First of the request's upload handlers: refuses files over ``max_bytes`` (default
    ``FILE_MAX_BYTES``) by the size they declare or, failing that, as soon as that many bytes
    arrived; and whole requests declaring more than ``max_files`` of them."""

    def __init__(self, request=None, *, max_bytes: int | None = None, max_files: int | None = None):
        super().__init__(request)
        self.max_bytes = settings.FILE_MAX_BYTES if max_bytes is None else max_bytes
        self.max_files = settings.FILE_UPLOAD_MAX_FILES if max_files is None else max_files
        self.refused: list[str] = []
        self.request_refused = False

    def _message(self, name: str | None = None) -> str:
        limit = filesizeformat(self.max_bytes)
        if name is None:
            return _("This upload is too large: each file may be at most %(limit)s.") % {
                "limit": limit
            }
        return _("%(name)s is larger than %(limit)s, the limit for one file.") % {
            "name": clean_file_name(name),
            "limit": limit,
        }

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > self.max_bytes * self.max_files + REQUEST_OVERHEAD:
            self.request_refused = True
            self.refused.append(self._message())
            # Parsed as empty, without reading the body.
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def _refuse(self):
        self.refused.append(self._message(self.file_name))
        raise SkipFile()

    def new_file(self, field_name, file_name, content_type, content_length, charset=None,
                 content_type_extra=None):  # fmt: skip
        super().new_file(field_name, file_name, content_type, content_length, charset,
                         content_type_extra)  # fmt: skip
        if content_length is not None and content_length > self.max_bytes:
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.max_bytes:
            # The handlers after this one drop what they wrote so far (SkipFile).
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None


def install_size_limit(request, **limits) -> SizeLimitedUploadHandler:
    """Put the size limit first among ``request``'s upload handlers (before anything reads
    ``request.POST`` or ``request.FILES``); ``request.upload_refused`` lists what it refused."""
    handler = SizeLimitedUploadHandler(request, **limits)
    request.upload_handlers.insert(0, handler)
    request.upload_refused = handler.refused
    request.upload_limit = handler
    return handler


def too_large_response(request, message: str) -> HttpResponse:
    """The default answer to a request refused whole: 413 with the reason."""
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


def size_limited_upload(view=None, *, too_large=too_large_response, **limits):
    """Decorate an upload view: the size limit is installed before the body is read, then
    the CSRF check runs as usual. A request declaring far more than the limit is answered
    with ``too_large(request, message)`` (413 by default) without being read or checked
    further: nothing happens on it, so there is nothing to forge."""

    def decorate(view):
        protected = csrf_protect(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in ("POST", "PUT", "PATCH"):
                handler = install_size_limit(request, **limits)
                request.POST  # noqa: B018 - parse now, through the handler
                if handler.request_refused:
                    return too_large(request, handler.refused[0])
            else:
                request.upload_refused = []
            return protected(request, *args, **kwargs)

        return csrf_exempt(wrapper)

    return decorate(view) if view is not None else decorate
