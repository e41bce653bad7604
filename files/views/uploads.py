"""Uploading: new files into a folder (one or many; the page's script sends each on its own
with a progress bar and asks for JSON) and a new version of a file.

Files past ``FILE_MAX_BYTES`` are refused while the request is read (``files.uploads``),
before anything is stored; the services check every upload again (empty, too large, name
taken). Without JavaScript the forms post as usual and the page comes back with what went
wrong; a name already taken offers to upload the file as a new version of the other one.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.shortcuts import add_service_errors
from files import permissions, services
from files.forms import VersionForm
from files.uploads import size_limited_upload
from files.views.browse import folder_page
from files.views.detail import detail_page
from files.views.shared import file_for, folder_in, go, library_for, place_of


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _too_large(request, message: str):
    """A request refused whole (it declared far more than the limit)."""
    if wants_json(request):
        result = {"ok": False, "error": message, "code": "too_large"}
        return JsonResponse({**result, "results": [result]}, status=413)
    return render(request, "files/upload_refused.html", {"message": message}, status=413)


def _failure(name: str, error: ValidationError) -> dict:
    """One refused upload: the reason, its code, and for a name already taken the other
    file (to upload this one as a new version of it)."""
    result = {"ok": False, "name": name, "error": " ".join(error.messages), "code": "invalid"}
    details = getattr(error, "error_dict", {})
    for field in ("upload", "name"):
        for problem in details.get(field, []):
            if problem.code:
                result["code"] = problem.code
            file_id = (problem.params or {}).get("file_id")
            if problem.code == "name_taken" and file_id:
                result["file_id"] = file_id
                result["file_url"] = reverse("files:detail", args=[file_id])
                result["version_url"] = reverse("files:upload-version", args=[file_id])
            if problem.code:
                return result
    return result


def _answer(results: list[dict]) -> JsonResponse:
    """The JSON answer to the script: every result, the first one's keys on top (the script
    sends one file per request)."""
    failed = [r for r in results if not r["ok"]]
    if not failed:
        status = 201
    elif all(r.get("code") == "too_large" for r in failed):
        status = 413
    else:
        status = 400
    return JsonResponse({**results[0], "results": results}, status=status)


@size_limited_upload(too_large=_too_large)
@require_POST
def upload(request, library: str):
    """Upload the files sent as ``files`` into ``folder`` (empty: the library's top)."""
    user = request.user
    place = library_for(request, library)
    folder = None
    if request.POST.get("folder"):
        folder = folder_in(request, place, request.POST["folder"])
    permissions.check_upload(user, place)
    results = [
        {"ok": False, "name": "", "error": message, "code": "too_large"}
        for message in request.upload_refused
    ]
    for sent in request.FILES.getlist("files"):
        try:
            made = services.file_upload(actor=user, library=place, folder=folder, upload=sent)
        except ValidationError as error:
            results.append(_failure(sent.name, error))
        else:
            results.append(
                {
                    "ok": True,
                    "name": made.name,
                    "url": made.get_absolute_url(),
                    "message": _("“%(name)s” is uploaded.") % {"name": made.name},
                }
            )
    if not results:
        results.append(
            {"ok": False, "name": "", "error": _("Choose one or more files."), "code": "required"}
        )
    if wants_json(request):
        return _answer(results)
    done = [r for r in results if r["ok"]]
    if done:
        messages.success(
            request,
            ngettext("%(count)d file is uploaded.", "%(count)d files are uploaded.", len(done))
            % {"count": len(done)},
        )
    failed = [r for r in results if not r["ok"]]
    if not failed:
        return go(request, place_of(place, folder))
    return folder_page(
        request, place, folder, upload_errors=failed, status=422 if request.htmx else 200
    )


@size_limited_upload(too_large=_too_large)
@require_POST
def upload_version(request, pk: int):
    """A new version of a file (``upload``, with ``comment``: what changed)."""
    user = request.user
    found = file_for(request, pk)
    permissions.check_upload_version(user, found)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        for message in request.upload_refused:
            form.add_error("upload", message)
        if not request.upload_refused:
            try:
                version = services.file_upload_version(
                    actor=user,
                    file=found,
                    upload=form.cleaned_data["upload"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                if wants_json(request):
                    return _answer([_failure(found.name, error)])
                add_service_errors(form, error)
            else:
                message = _("Version %(number)d of “%(name)s” is uploaded.") % {
                    "number": version.number,
                    "name": found.name,
                }
                if wants_json(request):
                    result = {
                        "ok": True,
                        "name": found.name,
                        "message": message,
                        "url": found.get_absolute_url(),
                    }
                    return _answer([result])
                messages.success(request, message)
                return go(request, found)
    if wants_json(request):
        error = " ".join(message for problems in form.errors.values() for message in problems)
        code = "too_large" if request.upload_refused else "invalid"
        return _answer([{"ok": False, "name": found.name, "error": error, "code": code}])
    return detail_page(request, found, version_form=form, status=422 if request.htmx else 200)
