import math
import re

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from communities.selectors import communities_of_person
from core.shortcuts import add_service_errors, safe_next
from profiles import activity, selectors, services
from profiles.forms import DirectoryFilterForm, LanguageForm, LoginForm, ProfileForm, SignupForm

DIRECTORY_PAGE_SIZE = 24
FOLLOW_LIST_PAGE_SIZE = 30
_SAFE_ID = re.compile(r"[A-Za-z][\w-]{0,80}")


def _with_follow_state(request, people):
    """Mark each person with whether the viewer follows them (one query per page)."""
    followed = selectors.followed_ids(request.user, people)
    for person in people:
        person.viewer_follows = person.pk in followed
    return people


def _daypart() -> str:
    hour = timezone.localtime().hour
    if 4 <= hour < 11:
        return "morning"
    if 11 <= hour < 15:
        return "midday"
    if 15 <= hour < 19:
        return "afternoon"
    return "evening"


def home_context(request) -> dict:
    """The people side of the home page (``profiles/home.html``): greeting, what the profile
    lacks, people to follow, newcomers and one's own recent activity."""
    suggestions = selectors.people_you_may_know(request.user, limit=4)
    for suggestion in suggestions:
        suggestion.person.viewer_follows = False  # Suggestions leave out the followed.
    return {
        "me": selectors.person_get_for(request.user, username=request.user.username),
        "daypart": _daypart(),
        "missing": selectors.profile_missing_parts(request.user),
        "suggestions": suggestions,
        "newcomers": _with_follow_state(request, selectors.people_newest(request.user, limit=6)),
        "activity": activity.recent_activity(request.user, request.user, limit=5),
    }


def home(request):
    """The home page is the feed's (``feed.views.pages.home``); its side column is ours."""
    from feed.views.pages import home as feed_home

    return feed_home(request)


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = {}
    if form.is_bound:
        form.is_valid()
        # A stale filter (a department since renamed, say) is left out; the others apply.
        filters = form.cleaned_data
    people = selectors.people_directory(
        request.user,
        q=filters.get("q", ""),
        department=filters.get("department"),
        office=filters.get("office"),
        skill=filters.get("skill", ""),
        interest=filters.get("interest", ""),
    )
    page = Paginator(people, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    _with_follow_state(request, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    options = selectors.directory_filter_options()
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        # A tag from a profile link may be outside the top list: the select still shows it.
        "skill_slugs": {tag["tag__slug"] for tag in options["skills"]},
        "interest_slugs": {tag["tag__slug"] for tag in options["interests"]},
        **options,
    }
    template = "profiles/directory.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def org_chart(request, username: str | None = None):
    person = selectors.person_get_for(request.user, username=username) if username else None
    reports = list(selectors.direct_reports(person))
    if request.htmx:
        # "Expand": only the reports, inserted below the person in the tree already shown.
        return render(request, "profiles/org_chart.html#tree", {"reports": reports})
    return render(
        request,
        "profiles/org_chart.html",
        {
            "person": person,
            "chain": list(reversed(selectors.manager_chain(person))) if person else [],
            "reports": reports,
        },
    )


def suggestions(request):
    suggestions = selectors.people_you_may_know(request.user, limit=24)
    for suggestion in suggestions:
        suggestion.person.viewer_follows = False
    return render(request, "profiles/suggestions.html", {"suggestions": suggestions})


SUGGEST_LIMIT = 10


def suggest(request):
    """Name suggestions for a person field, as <option>s of a <datalist> (HTMX)."""
    text = (request.GET.get("q") or request.GET.get("manager") or "").strip()[:100]
    people = list(selectors.people_directory(request.user, q=text)[:SUGGEST_LIMIT]) if text else []
    return render(request, "profiles/_suggest_options.html", {"people": people})


def detail(request, username: str):
    person = selectors.person_get_for(request.user, username=username)
    is_me = person.pk == request.user.pk
    person.viewer_follows = not is_me and selectors.is_following(request.user, person)
    return render(
        request,
        "profiles/person_detail.html",
        {
            "person": person,
            "is_me": is_me,
            "viewer_follows": person.viewer_follows,
            # Shown top-down: the top of the organisation first, the direct manager last.
            "chain": list(reversed(selectors.manager_chain(person))),
            "reports": list(selectors.direct_reports(person)),
            "skills": list(person.skills.order_by("name")),
            "interests": list(person.interests.order_by("name")),
            "activity": activity.recent_activity(person, request.user),
            "communities": communities_of_person(person, request.user),
        },
    )


def _follow_list(request, username: str, *, selector, title: str, empty: str):
    person = selectors.person_get_for(request.user, username=username)
    page = Paginator(selector(person), FOLLOW_LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    _with_follow_state(request, page.object_list)
    return render(
        request,
        "profiles/follow_list.html",
        {"person": person, "page": page, "title": title, "empty": empty},
    )


def followers(request, username: str):
    return _follow_list(
        request,
        username,
        selector=selectors.followers_of,
        title=_("Followers"),
        empty=_("Nobody follows this person yet."),
    )


def following(request, username: str):
    return _follow_list(
        request,
        username,
        selector=selectors.following_of,
        title=_("Following"),
        empty=_("This person does not follow anyone yet."),
    )


def _follow_response(request, person, *, status: int = 200, error: str = ""):
    """The updated follow button for HTMX, or back to where the viewer was."""
    if request.htmx:
        person.viewer_follows = selectors.is_following(request.user, person)
        trigger = request.htmx.trigger or ""
        context = {
            "person": person,
            "follow_error": error,
            # Same id as the button pressed, so htmx gives the new button the keyboard focus.
            "follow_form_id": trigger if _SAFE_ID.fullmatch(trigger) else "",
        }
        return render(request, "profiles/_follow_button.html", context, status=status)
    if error:
        messages.error(request, error)
    return redirect(safe_next(request, person.get_absolute_url()))


@require_POST
def follow(request, username: str):
    person = selectors.person_get_for(request.user, username=username)
    try:
        services.user_follow(follower=request.user, followee=person)
    except ValidationError as error:
        return _follow_response(request, person, status=422, error=" ".join(error.messages))
    if not request.htmx:
        messages.success(request, _("You now follow %(name)s.") % {"name": person.name})
    return _follow_response(request, person)


@require_POST
def unfollow(request, username: str):
    person = selectors.person_get_for(request.user, username=username)
    services.user_unfollow(follower=request.user, followee=person)
    if not request.htmx:
        messages.success(request, _("You no longer follow %(name)s.") % {"name": person.name})
    return _follow_response(request, person)


def profile_edit(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=user)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.profile_update(
                    user=user,
                    skills=data.pop("skills"),
                    interests=data.pop("interests"),
                    avatar=data.pop("avatar"),
                    remove_avatar=data.pop("remove_avatar"),
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your profile is saved."))
                if request.htmx:
                    return HttpResponseClientRedirect(user.get_absolute_url())
                return redirect(user.get_absolute_url())
        # The form keeps everything typed; only the photo must be chosen again.
        user.refresh_from_db()
        status = 422 if request.htmx else 200
    else:
        form = ProfileForm(instance=user)
        status = 200
    template = "profiles/profile_edit.html#form" if request.htmx else "profiles/profile_edit.html"
    return render(request, template, {"form": form}, status=status)


class LoginView(auth_views.LoginView):
    """Django's login, with a sign-up link when self sign-up is open."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, signup_open=bool(settings.ALLOWED_SIGNUP_DOMAINS))


def signup(request):
    if not settings.ALLOWED_SIGNUP_DOMAINS:
        raise Http404("Self sign-up is off.")
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_sign_up(
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user, backend="profiles.backends.UsernameOrEmailBackend")
            messages.success(request, _("Welcome to Kolega! Tell colleagues about yourself."))
            return redirect("profiles:edit")
    return render(
        request,
        "registration/signup.html",
        {"form": form, "domains": settings.ALLOWED_SIGNUP_DOMAINS},
    )


@require_POST
def set_language(request):
    """Switch the interface language: remembered on the account and in a cookie."""
    form = LanguageForm(request.POST)
    response = HttpResponseRedirect(safe_next(request, "/"))
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.user_set_preferences(user=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
    return response


def lockout(request, original_response=None, credentials=None):
    """What django-axes shows after too many failed logins (axes calls it, not a URL)."""
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else None
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )
