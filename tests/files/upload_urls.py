"""A bare upload view behind ``files.uploads.size_limited_upload``, for the size-limit tests
(the file share's own upload page is tested with its views)."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import include, path

from files import services
from files.uploads import size_limited_upload


@size_limited_upload
def upload(request):
    library = services.library_create_personal(owner=request.user)
    stored, errors = [], []
    for item in request.FILES.getlist("file"):
        try:
            stored.append(services.file_upload(actor=request.user, library=library,
                                               upload=item).name)  # fmt: skip
        except ValidationError as error:
            errors.extend(error.messages)
    return JsonResponse({"stored": stored, "refused": request.upload_refused, "errors": errors})


# The file share's own pages too: a stored file's search document links to its page.
urlpatterns = [
    path("upload/", upload, name="test-upload"),
    path("files/", include("files.urls")),
]
