"""Climate alerts: a department's or a public topic's negativity or volume jumping this week.

The hourly job (``analytics.tasks.climate_alerts``) compares the current week so far (from
Monday, company time zone), and the week before it, with the weeks before each
(``CLIMATE_ALERT_BASELINE_WEEKS``):

- negativity: the share of negative writing is ``CLIMATE_ALERT_NEGATIVITY_JUMP`` (a share,
  0.2 = 20 points) or more above the share of the weeks before;
- volume: the pieces of writing are ``CLIMATE_ALERT_VOLUME_FACTOR`` times the weekly average
  of the weeks before, or more.

Either needs ``CLIMATE_ALERT_MIN_VOLUME`` pieces this week. Each jump is stored once
(``ClimateAlert``: scope, subject, week, kind), so the job running again finds nothing new
until another department, topic, kind or week jumps; each new alert tells every Leader in
the app (a ``climate_alert`` notification) and in one e-mail per run.

Privacy (DESIGN.md, "What leaders can and cannot see"): only public writing is read (private
and secret communities feed company-wide totals only, and alerts are never company-wide);
a department or topic alerts only when at least ``ANALYTICS_MIN_GROUP_SIZE`` distinct people
wrote this week (for a topic's negativity: wrote the negative part), and negativity also
needs that many people in the weeks compared. An alert names a department or a tag, never
a person or a piece of writing.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from taggit.models import Tag

from analytics.models import AlertKind, AlertScope, ClimateAlert, ContentSentiment, Sentiment
from analytics.periods import week_start
from analytics.privacy import Figure, is_reportable
from analytics.selectors.climate import TopicCount, topic_counts
from notifications.models import Verb
from notifications.services import notify, site_url
from profiles.models import Department, User
from profiles.roles import LEADERS


@dataclass(frozen=True)
class Counts:
    volume: int = 0
    negative: int = 0
    people: int = 0
    negative_people: int = 0

    @property
    def share(self) -> float:
        return self.negative / self.volume if self.volume else 0.0


@dataclass(frozen=True)
class Jump:
    """A jump found this week, not yet stored (``ClimateAlert``'s fields)."""

    scope: str
    subject: str
    label: str
    department_id: int | None
    week: date
    kind: str
    value: float
    baseline: float
    volume: int
    people: int
    baseline_people: int
    baseline_weeks: int

    @property
    def key(self) -> tuple[str, str, date, str]:
        return (self.scope, self.subject, self.week, self.kind)


def week_of(moment: datetime) -> date:
    """The Monday of ``moment``'s week in the company time zone."""
    return week_start(timezone.localdate(moment))


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def department_counts(*, start: datetime, end: datetime) -> dict[int, Counts]:
    """Per department, public writing in [start, end). One query."""
    rows = (
        ContentSentiment.objects.filter(
            written_at__gte=start, written_at__lt=end, is_public=True, department__isnull=False
        )
        .values("department")
        .annotate(
            volume=Count("pk"),
            negative=Count("pk", filter=Q(label=Sentiment.NEGATIVE)),
            people=Count("author", distinct=True),
            negative_people=Count("author", filter=Q(label=Sentiment.NEGATIVE), distinct=True),
        )
        .order_by()
    )
    return {
        row["department"]: Counts(
            row["volume"], row["negative"], row["people"], row["negative_people"]
        )
        for row in rows
    }


def _as_counts(topic: TopicCount | None) -> Counts:
    if topic is None:
        return Counts()
    return Counts(topic.volume, topic.negative, topic.people, topic.negative_people)


def _jumps_of(current: Counts, before: Counts, *, weeks: int, topic: bool, **fields) -> list[Jump]:
    """The jumps of one department or topic (none under the privacy threshold)."""
    if current.volume < settings.CLIMATE_ALERT_MIN_VOLUME or not is_reportable(current.people):
        return []
    found = []
    negative_people = current.negative_people if topic else current.people
    jump = current.share - before.share
    if (
        is_reportable(negative_people)
        and is_reportable(before.people)
        and jump >= settings.CLIMATE_ALERT_NEGATIVITY_JUMP - 1e-9
    ):
        found.append(
            Jump(kind=AlertKind.NEGATIVITY, value=round(current.share, 3),
                 baseline=round(before.share, 3), volume=current.volume, people=negative_people,
                 baseline_people=before.people, baseline_weeks=weeks, **fields)
        )  # fmt: skip
    average = before.volume / weeks
    if current.volume >= settings.CLIMATE_ALERT_VOLUME_FACTOR * average:
        found.append(
            Jump(kind=AlertKind.VOLUME, value=current.volume, baseline=round(average, 1),
                 volume=current.volume, people=current.people, baseline_people=before.people,
                 baseline_weeks=weeks, **fields)
        )  # fmt: skip
    return found


def climate_jumps(*, now: datetime | None = None) -> list[Jump]:
    """Every department's and public topic's jump in the week of ``now`` (default: now) and
    in the week before it (so a jump in the last hours of a week, after the job's last run
    in it, is still found on Monday), each against the weeks before it. Reads only."""
    this_week = week_of(now or timezone.now())
    jumps = []
    for week in (this_week - timedelta(weeks=1), this_week):
        jumps += _week_jumps(week)
    return jumps


def _week_jumps(week: date) -> list[Jump]:
    """The jumps of the week starting ``week`` (Monday). Five queries."""
    weeks = settings.CLIMATE_ALERT_BASELINE_WEEKS
    since, start, end = (_midnight(week - timedelta(weeks=weeks)), _midnight(week),
                         _midnight(week + timedelta(weeks=1)))  # fmt: skip
    jumps = []
    current = department_counts(start=start, end=end)
    before = department_counts(start=since, end=start)
    names = Department.objects.in_bulk(list(current))
    for pk, counts in sorted(current.items()):
        department = names.get(pk)
        if department is None:
            continue
        jumps += _jumps_of(
            counts, before.get(pk, Counts()), weeks=weeks, topic=False,
            scope=AlertScope.DEPARTMENT, subject=str(pk), label=department.name,
            department_id=pk, week=week,
        )  # fmt: skip
    topics_now = topic_counts(start=start, end=end)
    topics_before = topic_counts(start=since, end=start)
    tag_names = dict(Tag.objects.filter(slug__in=list(topics_now)).values_list("slug", "name"))
    for slug, counts in sorted(topics_now.items()):
        jumps += _jumps_of(
            _as_counts(counts), _as_counts(topics_before.get(slug)), weeks=weeks, topic=True,
            scope=AlertScope.TOPIC, subject=slug[:100], label=tag_names.get(slug, slug),
            department_id=None, week=week,
        )  # fmt: skip
    return jumps


def leaders():
    """The active members of the Leaders group (the people alerts go to)."""
    return User.objects.active().filter(groups__name=LEADERS).distinct()


def climate_alerts_raise(*, now: datetime | None = None) -> list[ClimateAlert]:
    """Store the new jumps of this week and the last (each scope, subject, week and kind
    once) and tell every Leader, in the app and by e-mail after commit. Safe to run every
    hour: a jump already stored is not raised again. Returns the alerts raised by this run."""
    jumps = climate_jumps(now=now)
    if not jumps:
        return []
    weeks = {jump.week for jump in jumps}
    known = set(
        ClimateAlert.objects.filter(week__in=weeks).values_list("scope", "subject", "week", "kind")
    )
    raised = []
    with transaction.atomic():
        for jump in jumps:
            if jump.key in known:
                continue
            alert = _alert_create(jump)
            if alert is not None:
                raised.append(alert)
        if raised:
            _notify(raised)
    return raised


def _alert_create(jump: Jump) -> ClimateAlert | None:
    """Store one jump; None when another run stored it meanwhile."""
    alert = ClimateAlert(
        scope=jump.scope, subject=jump.subject, label=jump.label[:200],
        department_id=jump.department_id, week=jump.week, kind=jump.kind, value=jump.value,
        baseline=jump.baseline, volume=jump.volume, people=jump.people,
        baseline_people=jump.baseline_people, baseline_weeks=jump.baseline_weeks,
    )  # fmt: skip
    alert.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            alert.save()
    except IntegrityError:
        return None
    return alert


def _notify(alerts: list[ClimateAlert]) -> None:
    """One in-app notification per alert and Leader (who has not switched them off), then
    one e-mail per Leader told, after commit."""
    told: set[int] = set()
    for alert in alerts:
        created = notify(
            recipients=leaders(), verb=Verb.CLIMATE_ALERT, target=alert, url=alert_url(alert),
            check_visibility=False,
        )  # fmt: skip
        told.update(notification.recipient_id for notification in created)
    if told:
        ids = [alert.pk for alert in alerts]
        transaction.on_commit(lambda: climate_alerts_email(alert_ids=ids, user_ids=sorted(told)))


def climate_alerts_email(*, alert_ids: list[int], user_ids: list[int]) -> int:
    """E-mail each of ``user_ids`` (active Leaders with an address) the alerts, in their
    language, with a link to each alert's view. Returns how many e-mails were sent."""
    alerts = list(ClimateAlert.objects.filter(pk__in=alert_ids).order_by("id"))
    site = site_url()
    sent = 0
    for user in leaders().filter(pk__in=user_ids).exclude(email=""):
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = ngettext(
                "%(site)s: a climate alert", "%(site)s: %(count)d climate alerts", len(alerts)
            ) % {"site": settings.SITE_NAME, "count": len(alerts)}
            lines = [
                _("The climate of public writing changed sharply:"),
                "",
            ]
            for alert in alerts:
                lines += [f"- {alert_title(alert)}", f"  {site}{alert_url(alert)}", ""]
            lines.append(
                _(
                    "Alerts are aggregates of at least %(count)d people; nobody's own "
                    "sentiment is ever shown."
                )
                % {"count": settings.ANALYTICS_MIN_GROUP_SIZE}
            )
            body = "\n".join(lines) + "\n"
        sent += send_mail(subject, body, None, [user.email])
    return sent


def alert_url(alert: ClimateAlert) -> str:
    """The Climate dashboard over the weeks compared and the alert's week, narrowed to the
    department (a topic: its table on the unfiltered dashboard)."""
    query = {
        "from": (alert.week - timedelta(weeks=alert.baseline_weeks)).isoformat(),
        "to": (alert.week + timedelta(days=6)).isoformat(),
    }
    if alert.scope == AlertScope.DEPARTMENT and alert.department_id:
        query = {"department": alert.department_id, **query}
    return f"{reverse('analytics:climate')}?{urlencode(query)}"


def alert_title(alert: ClimateAlert) -> str:
    """One sentence, in the active language, saying what jumped and from what."""
    week = date_format(alert.week, "DATE_FORMAT")
    before = Figure(alert.baseline, alert.baseline_people)
    if alert.scope == AlertScope.DEPARTMENT:
        subject = _("in department %(name)s") % {"name": alert.label}
    else:
        subject = _("on the topic “%(name)s”") % {"name": alert.label}
    if alert.kind == AlertKind.NEGATIVITY:
        usual = (
            before
            if before.suppressed
            else _("%(share)d%%") % {"share": round(100 * alert.baseline)}
        )
        return _(
            "%(share)d%% of the writing %(subject)s was negative in the week of %(week)s "
            "(the %(weeks)d weeks before: %(usual)s)"
        ) % {
            "share": round(100 * alert.value),
            "subject": subject,
            "week": week,
            "weeks": alert.baseline_weeks,
            "usual": usual,
        }
    usual = before if before.suppressed else _("%(count)s a week") % {"count": alert.baseline}
    return _(
        "%(count)d pieces of writing %(subject)s in the week of %(week)s "
        "(the %(weeks)d weeks before: %(usual)s)"
    ) % {
        "count": alert.volume,
        "subject": subject,
        "week": week,
        "weeks": alert.baseline_weeks,
        "usual": usual,
    }
