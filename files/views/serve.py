"""A file's bytes: downloads (the current version, or any version) and the inline preview.

Every answer goes through ``core.files.private_file_response`` after the visibility rule
(404 for whoever may not see the file, old versions included): stored names are random and
never linked, so this view is the only way to the bytes. Only images, PDFs and plain text
are ever shown inline; everything else is an attachment.
"""

from django.http import Http404
from django.views.decorators.http import require_GET

from core.files import private_file_response
from files import selectors, services
from files.views.shared import file_for


def _current(file):
    if file.current is None:
        raise Http404("This file has no content.")
    return file.current


@require_GET
def download(request, pk: int):
    """The current version, as a download named after the file."""
    found = file_for(request, pk)
    version = _current(found)
    response = private_file_response(
        version.blob, name=found.name, content_type=version.content_type
    )
    services.file_record_download(actor=request.user, file=found, version=version)
    return response


@require_GET
def version_download(request, pk: int, number: int):
    """Any version, as a download named as it was uploaded."""
    found = file_for(request, pk)
    version = selectors.get_version_for(request.user, found, number)
    response = private_file_response(
        version.blob, name=version.original_name, content_type=version.content_type
    )
    services.file_record_download(actor=request.user, file=found, version=version)
    return response


@require_GET
def preview(request, pk: int):
    """The current version shown in the browser (an image, a PDF in its viewer, plain text)
    when its type is safe inline; framed by the file's own page only. Other types are a
    download, as from ``download``."""
    found = file_for(request, pk)
    version = _current(found)
    return private_file_response(
        version.blob,
        name=found.name,
        content_type=version.content_type,
        inline=True,
        frameable=True,
    )
