"""Template helpers of the file share: a file's icon, and the sortable listing's headers."""

from django import template
from django.utils.http import urlencode

from files.views.preview import icon_for

register = template.Library()


@register.filter
def file_icon(file) -> str:
    """The Bootstrap Icons name (``file-earmark-pdf``...) for ``file`` (a File or version)."""
    extension = getattr(file, "extension", "") or ""
    if not extension:
        name = getattr(file, "original_name", "") or getattr(file, "name", "")
        extension = name.rpartition(".")[2] if "." in name else ""
    return icon_for(getattr(file, "content_type", ""), extension)


@register.simple_tag(takes_context=True)
def sort_link(context, key: str) -> dict:
    """The address and state of a listing's column ``key`` (name, date, size): a click on
    the sorted column turns its direction round."""
    sort, descending = context.get("sort", "name"), context.get("descending", False)
    active = sort == key
    if active:
        direction = "asc" if descending else "desc"
    else:
        direction = "asc" if key == "name" else "desc"
    state = ("descending" if descending else "ascending") if active else "none"
    return {
        "url": "?" + urlencode({"sort": key, "dir": direction}),
        "active": active,
        "aria": state,
        "descending": descending,
    }
