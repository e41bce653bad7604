import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel, AppendOnlyQuerySet


class Event(AppendOnlyModel):
    """One row per domain event: the append-only log that analytics roll up."""

    verb = models.CharField(_("verb"), max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    community_id = models.BigIntegerField(_("community id"), null=True, blank=True)
    # Copied from the actor when the event happened, so moves do not rewrite history.
    department = models.ForeignKey(
        "profiles.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    office = models.ForeignKey(
        "profiles.Office",
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # False when the event happened in a private or secret community (as it was then): such
    # activity counts in company-wide totals only, never in a breakdown.
    community_public = models.BooleanField(_("public"), default=True)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["verb", "occurred_at"])]

    def __str__(self):
        return f"{self.verb} by {self.actor_id} at {self.occurred_at:%Y-%m-%d %H:%M}"


# --- rollups: derived from the event log, recomputed (delete and insert) by analytics.rollups --


class ActivityCounts(models.Model):
    """What one person did in one period, where they were then. Rows exist only for people
    with at least one counted action. The ``public_*`` counters leave out activity in private
    and secret communities: breakdowns by department or office read only those."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    department = models.ForeignKey(
        "profiles.Department", verbose_name=_("department"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    office = models.ForeignKey(
        "profiles.Office", verbose_name=_("office"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    actions = models.PositiveIntegerField(_("actions"), default=0)
    contributions = models.PositiveIntegerField(_("contributions"), default=0)
    reactions = models.PositiveIntegerField(_("reactions"), default=0)
    logins = models.PositiveIntegerField(_("logins"), default=0)
    public_actions = models.PositiveIntegerField(_("public actions"), default=0)
    public_contributions = models.PositiveIntegerField(_("public contributions"), default=0)
    public_reactions = models.PositiveIntegerField(_("public reactions"), default=0)

    class Meta:
        abstract = True


class DailyActivity(ActivityCounts):
    """One row per person and day (company time zone), placed in the department and office
    of the person's last action that day."""

    day = models.DateField(_("day"))

    class Meta:
        ordering = ["-day", "user"]
        verbose_name = _("daily activity")
        verbose_name_plural = _("daily activity")
        indexes = [
            models.Index(fields=["day", "department"], name="daily_day_department"),
            models.Index(fields=["day", "office"], name="daily_day_office"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="daily_one_per_person"),
        ]

    def __str__(self):
        return f"{self.day} {self.user_id}: {self.actions}"


class Period(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")


class PeriodActivity(ActivityCounts):
    """The daily rows summed over a week (starting Monday) or a calendar month, one row per
    person (placed as on their last active day of it), for WAU, MAU and the cohort table
    without scanning the days."""

    period = models.CharField(_("period"), max_length=8, choices=Period.choices)
    start = models.DateField(_("starts on"))
    days_active = models.PositiveSmallIntegerField(_("days active"), default=0)
    public_days_active = models.PositiveSmallIntegerField(_("public days active"), default=0)

    class Meta:
        ordering = ["-start", "user"]
        verbose_name = _("weekly or monthly activity")
        verbose_name_plural = _("weekly and monthly activity")
        indexes = [
            models.Index(fields=["period", "start", "department"], name="period_start_department"),
            models.Index(fields=["period", "start", "office"], name="period_start_office"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "start"], name="period_one_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.period} {self.start} {self.user_id}: {self.actions}"


class PersonAdoption(models.Model):
    """One row per person: when they registered, first acted, first contributed, and whether
    that made them activated (first post, comment or reaction within 7 days of registering).
    Department and office are those of the first active day (of now, for people who never
    acted)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        primary_key=True, related_name="analytics_adoption",
    )  # fmt: skip
    department = models.ForeignKey(
        "profiles.Department", verbose_name=_("department"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    office = models.ForeignKey(
        "profiles.Office", verbose_name=_("office"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    registered_on = models.DateField(_("registered on"), db_index=True)
    first_active_on = models.DateField(_("first active on"), null=True, blank=True)
    first_contribution_on = models.DateField(_("first contribution on"), null=True, blank=True)
    activated = models.BooleanField(_("activated"), default=False)
    # Monday of the week of first activity: the retention cohort.
    cohort_week = models.DateField(_("cohort week"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-registered_on", "user"]
        verbose_name = _("person adoption")
        verbose_name_plural = _("people adoption")

    def __str__(self):
        return f"{self.user_id} registered {self.registered_on}"


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    INDONESIAN = "id", _("Indonesian")
    OTHER = "other", _("Other")


class Sentiment(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


class ContentKind(models.TextChoices):
    POST = "post", _("Post")
    COMMENT = "comment", _("Comment")
    REPLY = "reply", _("Forum reply")
    THREAD = "thread", _("Forum thread")
    ARTICLE = "article", _("Blog article")


class ContentSentiment(models.Model):
    """The language and sentiment of one piece of writing, scored offline by a Celery task.

    Only ever read in aggregate: ``author`` is kept to count distinct people for the
    suppression rule, never to show or export a person's sentiment."""

    kind = models.CharField(_("kind"), max_length=16, choices=ContentKind.choices)
    object_id = models.BigIntegerField(_("object id"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Where and by whom, as when it was written (moves do not rewrite history).
    department = models.ForeignKey(
        "profiles.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    office = models.ForeignKey(
        "profiles.Office",
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # False for private and secret communities: such writing counts in company-wide totals
    # only, and its topics never appear on a dashboard.
    is_public = models.BooleanField(_("public"), default=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    score = models.FloatField(_("score"))  # -1 (most negative) .. 1 (most positive).
    label = models.CharField(_("sentiment"), max_length=8, choices=Sentiment.choices)
    tags = models.JSONField(_("tags"), default=list, blank=True)  # Tag slugs, for topics.
    # Key phrases (analytics.phrases), for topics; public writing only, empty otherwise.
    phrases = models.JSONField(_("key phrases"), default=list, blank=True)
    written_at = models.DateTimeField(_("written at"), db_index=True)
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        ordering = ["-written_at", "-id"]
        verbose_name = _("content sentiment")
        verbose_name_plural = _("content sentiments")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="sentiment_one_per_item")
        ]
        indexes = [
            models.Index(fields=["department", "written_at"]),
            # Volumes read a period's rows from the index alone (PostgreSQL; plain elsewhere).
            models.Index(
                fields=["written_at"],
                include=["kind", "author", "department", "office", "community", "is_public"],
                name="sentiment_written_cover",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.label} ({self.language})"


class AccessKind(models.TextChoices):
    PAGE = "page", _("Dashboard page")
    CSV = "csv", _("CSV export")
    API = "api", _("API call")


class AccessLog(AppendOnlyModel):
    """Who looked at which analytics, with which filters, and when (read in Django admin)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=AccessKind.choices)
    dashboard = models.CharField(_("dashboard"), max_length=64)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    path = models.CharField(_("path"), max_length=500)
    accessed_at = models.DateTimeField(_("accessed at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-accessed_at", "-id"]
        verbose_name = _("analytics access")
        verbose_name_plural = _("analytics access log")

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.dashboard} at {self.accessed_at:%Y-%m-%d %H:%M}"


# --- climate alerts: raised by analytics.alerts, read by Leaders -----------------------------


class AlertScope(models.TextChoices):
    DEPARTMENT = "department", _("Department")
    TOPIC = "topic", _("Topic")


class AlertKind(models.TextChoices):
    NEGATIVITY = "negativity", _("Negativity")
    VOLUME = "volume", _("Volume")


class ClimateAlertQuerySet(AppendOnlyQuerySet):
    def visible_to(self, user):
        """Every alert for those who may open the dashboards, none for anyone else (the
        rule notifications about an alert follow)."""
        from analytics.permissions import can_view_analytics

        if not user.is_active or not can_view_analytics(user):
            return self.none()
        return self.all()


class ClimateAlert(AppendOnlyModel):
    """One jump in a department's or a public topic's negativity or volume in one week
    (Monday ``week``). Raised once: the unique key is what stops the hourly job from telling
    the Leaders again about the same jump. Only aggregates, never a person."""

    scope = models.CharField(_("scope"), max_length=16, choices=AlertScope.choices)
    # The department's id or the topic's tag slug: the key with ``week`` and ``kind``.
    subject = models.CharField(_("subject"), max_length=100)
    label = models.CharField(_("name"), max_length=200)
    department = models.ForeignKey(
        "profiles.Department", verbose_name=_("department"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    week = models.DateField(_("week starting"))
    kind = models.CharField(_("kind"), max_length=16, choices=AlertKind.choices)
    # Negativity: the share of negative writing (0..1); volume: pieces of writing.
    value = models.FloatField(_("this week"))
    baseline = models.FloatField(_("usual"))
    volume = models.PositiveIntegerField(_("pieces of writing"))
    people = models.PositiveIntegerField(_("people this week"))
    baseline_people = models.PositiveIntegerField(_("people before"))
    baseline_weeks = models.PositiveSmallIntegerField(_("weeks compared"))
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now, db_index=True)

    objects = ClimateAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = _("climate alert")
        verbose_name_plural = _("climate alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "subject", "week", "kind"], name="climate_alert_once"
            )
        ]

    def __str__(self):
        return f"{self.scope} {self.subject} {self.week} {self.kind}"

    def get_absolute_url(self) -> str:
        from analytics.alerts import alert_url

        return alert_url(self)

    @property
    def title(self) -> str:
        """What happened, in the active language (notifications and e-mails)."""
        from analytics.alerts import alert_title

        return alert_title(self)


# --- department and period rollups: recomputed (delete and insert) by analytics.rollups -------


class DepartmentTopicMonth(models.Model):
    """Public writing per month, department, office, community, author and tag (``tag`` ""
    counts every item, tagged or not), for the departments dashboard's topics. The author is
    kept only to count distinct people for the suppression rule. Derived rows, rewritten in
    bulk every hour: no database constraints on the keys (they cost most of the insert)."""

    month = models.DateField(_("month"))  # The first day of the month.
    department = models.ForeignKey(
        "profiles.Department", verbose_name=_("department"), on_delete=models.CASCADE,
        related_name="+", db_constraint=False,
    )  # fmt: skip
    office = models.ForeignKey(
        "profiles.Office", verbose_name=_("office"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )  # fmt: skip
    community = models.ForeignKey(
        "communities.Community", verbose_name=_("community"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )  # fmt: skip
    tag = models.CharField(_("tag"), max_length=100, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )  # fmt: skip
    items = models.PositiveIntegerField(_("items"), default=0)

    class Meta:
        ordering = ["-month", "department", "tag"]
        verbose_name = _("department topic month")
        verbose_name_plural = _("department topic months")
        indexes = [models.Index(fields=["month", "department"], name="topic_month_department")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.department_id} {self.tag or '*'}: {self.items}"


class PeopleField(models.Field):
    """A set of people's ids. On PostgreSQL a bitmap (``bit varying``, bit n set for id n) that
    the database unites and counts (``bit_or``, ``bit_count``) without a row per person;
    elsewhere the sorted ids as JSON text, united in Python."""

    description = _("set of people")

    def db_type(self, connection):
        return "bit varying" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or isinstance(value, frozenset):
            return value
        if isinstance(value, str):
            if value.startswith("["):
                return frozenset(json.loads(value))
            return frozenset(n for n, bit in enumerate(value) if bit == "1")
        return frozenset(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        ids = sorted(set(value))
        if connection.vendor != "postgresql":
            return json.dumps(ids)
        bits = bytearray(b"0" * (ids[-1] + 1 if ids else 0))
        for n in ids:
            bits[n] = ord("1")
        return bits.decode()


class CellScope(models.TextChoices):
    ALL = "all", _("Every office and public place")
    OFFICE = "office", _("One office, every public place")
    COMMUNITY = "community", _("One office and public community")


class InteractionCellMonth(models.Model):
    """Public interactions per month from the people of one department (as logged with the
    event) with those of another (the department the person acted on was in when the month
    was rolled up: its end, for a closed month), for the departments dashboard's
    who-talks-to-whom matrix: how many, and the sets of people on both sides, so that
    distinct people stay exact across months. Rows come at three levels, one per filter the
    dashboard reads: every office and public place, per office, and per office and public
    community. No database constraints on the keys (as for ``DepartmentTopicMonth``)."""

    month = models.DateField(_("month"))  # The first day of the month.
    scope = models.CharField(_("scope"), max_length=9, choices=CellScope.choices)
    actor_department = models.ForeignKey(
        "profiles.Department", verbose_name=_("department"), on_delete=models.CASCADE,
        related_name="+", db_constraint=False,
    )  # fmt: skip
    actor_office = models.ForeignKey(
        "profiles.Office", verbose_name=_("office"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )  # fmt: skip
    community_id = models.BigIntegerField(_("community id"), null=True, blank=True)
    target_department = models.ForeignKey(
        "profiles.Department", verbose_name=_("department acted on"), on_delete=models.CASCADE,
        related_name="+", db_constraint=False,
    )  # fmt: skip
    interactions = models.PositiveIntegerField(_("interactions"), default=0)
    actors = PeopleField(_("people who acted"))
    targets = PeopleField(_("people acted on"))

    class Meta:
        ordering = ["-month", "scope", "actor_department"]
        verbose_name = _("interaction cell month")
        verbose_name_plural = _("interaction cell months")
        indexes = [
            models.Index(fields=["scope", "month"], name="interaction_cell_scope_month"),
            models.Index(fields=["community_id", "month"], name="interaction_cell_community"),
        ]

    def __str__(self):
        return (
            f"{self.month:%Y-%m} {self.scope} {self.actor_department_id} -> "
            f"{self.target_department_id}: {self.interactions}"
        )


class DepartmentTopicTotal(models.Model):
    """``DepartmentTopicMonth`` summed per month, department and tag, for every office
    (``office`` empty) or per office: items and distinct authors, so that the departments
    dashboard reads one row per topic instead of one per author. A community filter reads
    ``DepartmentTopicMonth`` itself. No database constraints on the keys."""

    month = models.DateField(_("month"))  # The first day of the month.
    scope = models.CharField(_("scope"), max_length=9, choices=CellScope.choices)
    department = models.ForeignKey(
        "profiles.Department", verbose_name=_("department"), on_delete=models.CASCADE,
        related_name="+", db_constraint=False,
    )  # fmt: skip
    office = models.ForeignKey(
        "profiles.Office", verbose_name=_("office"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )  # fmt: skip
    tag = models.CharField(_("tag"), max_length=100, blank=True)
    items = models.PositiveIntegerField(_("items"), default=0)
    people = models.PositiveIntegerField(_("people"), default=0)

    class Meta:
        ordering = ["-month", "scope", "department", "tag"]
        verbose_name = _("department topic total")
        verbose_name_plural = _("department topic totals")
        indexes = [models.Index(fields=["scope", "month"], name="topic_total_scope_month")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.scope} {self.department_id} {self.tag or '*'}"


class PeriodGroupActivity(models.Model):
    """People active per week or month, department and office (as placed in
    ``PeriodActivity``): everyone, and those with public activity. WAU and MAU read these
    few rows instead of one per person."""

    period = models.CharField(_("period"), max_length=8, choices=Period.choices)
    start = models.DateField(_("starts on"))
    department = models.ForeignKey(
        "profiles.Department", verbose_name=_("department"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )  # fmt: skip
    office = models.ForeignKey(
        "profiles.Office", verbose_name=_("office"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )  # fmt: skip
    people = models.PositiveIntegerField(_("people active"), default=0)
    public_people = models.PositiveIntegerField(_("people active in public"), default=0)

    class Meta:
        ordering = ["-start", "period"]
        verbose_name = _("people active per period")
        verbose_name_plural = _("people active per period")
        indexes = [models.Index(fields=["period", "start"], name="period_group_start")]

    def __str__(self):
        return f"{self.period} {self.start} {self.department_id}/{self.office_id}: {self.people}"


# --- conversation rollups: recomputed (delete and insert) by analytics.conversation_rollups ---


class VolumeLevel(models.TextChoices):
    ALL = "all", _("All writing, per kind")
    DEPARTMENT = "department", _("Public writing, per department")
    COMMUNITY = "community", _("Public writing, per public community")
    OFFICE = "office", _("Public writing, per office")
    OFFICE_DEPARTMENT = "office_department", _("Public writing, per office and department")
    OFFICE_COMMUNITY = "office_community", _("Public writing, per office and public community")
    CELL = "cell", _("Public writing, per department, office and community")


class ConversationWeek(models.Model):
    """One week (from Monday) of ``ContentSentiment`` rolled up into ``ConversationVolume``
    rows: when, from which rows (to notice later changes), and which communities were taken
    as public places then (the rows go stale for the dashboard when one stops being public,
    or when one whose public writing was left out becomes public again)."""

    week = models.DateField(_("week"), primary_key=True)
    rolled_at = models.DateTimeField(_("rolled up at"))
    complete = models.BooleanField(_("week over when rolled up"), default=False)
    items = models.PositiveIntegerField(_("items"), default=0)
    fingerprint = models.CharField(_("fingerprint of the rows"), max_length=100)
    public_communities = models.JSONField(_("public communities counted"), default=list)
    held_communities = models.JSONField(_("communities whose public writing was left out"),
                                        default=list)  # fmt: skip

    class Meta:
        ordering = ["-week"]
        verbose_name = _("conversation week")
        verbose_name_plural = _("conversation weeks")

    def __str__(self):
        return f"{self.week}: {self.items} items"


class ConversationVolume(models.Model):
    """Items written in one week (or an aligned block of weeks), per kind and per group of a
    ``VolumeLevel`` (the keys a level does not use are null), with the set of their distinct
    authors (a zlib-compressed bitmap, bit n for user id n) so that people stay exact across
    weeks. Derived rows: no database constraints on the keys."""

    week = models.DateField(_("week"))  # Its Monday; the day itself for a day's row.
    # Weeks summed: 1, or BLOCK_WEEKS for an aligned block (long periods read fewer rows);
    # 0 for one day (the partial weeks at either end of a period).
    span = models.PositiveSmallIntegerField(_("weeks"), default=1)
    level = models.CharField(_("level"), max_length=20, choices=VolumeLevel.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=ContentKind.choices)
    department = models.ForeignKey(
        "profiles.Department", verbose_name=_("department"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )  # fmt: skip
    office = models.ForeignKey(
        "profiles.Office", verbose_name=_("office"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )  # fmt: skip
    community = models.ForeignKey(
        "communities.Community", verbose_name=_("community"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )  # fmt: skip
    items = models.PositiveIntegerField(_("items"), default=0)
    people = models.PositiveIntegerField(_("distinct authors"), default=0)
    authors = models.BinaryField(_("authors (compressed bitmap)"))

    class Meta:
        ordering = ["-week", "level", "kind"]
        verbose_name = _("conversation volume")
        verbose_name_plural = _("conversation volumes")
        indexes = [models.Index(fields=["level", "span", "week"], name="conversation_level_week")]

    def __str__(self):
        return f"{self.week} {self.level} {self.kind}: {self.items} by {self.people}"


class TopicSource(models.TextChoices):
    TAG = "tag", _("Tag")
    PHRASE = "phrase", _("Key phrase")


class ConversationTopicDay(models.Model):
    """Public items carrying one tag or key phrase on one day (company time zone), with
    their distinct authors (as in ``ConversationVolume``), for the emerging topics. Written
    with the week's ``ConversationVolume`` rows; no database constraints."""

    day = models.DateField(_("day"))
    source = models.CharField(_("source"), max_length=6, choices=TopicSource.choices)
    name = models.CharField(_("name"), max_length=255)
    items = models.PositiveIntegerField(_("items"), default=0)
    people = models.PositiveIntegerField(_("distinct authors"), default=0)
    authors = models.BinaryField(_("authors (compressed bitmap)"))

    class Meta:
        ordering = ["-day", "source", "name"]
        verbose_name = _("conversation topic day")
        verbose_name_plural = _("conversation topic days")
        indexes = [models.Index(fields=["day", "source", "name"], name="conversation_topic_day")]

    def __str__(self):
        return f"{self.day} {self.source} {self.name}: {self.items} by {self.people}"


# --- the Climate dashboard's rollup (analytics.climate_rollups) -------------------------------


class ClimateLevel(models.TextChoices):
    ALL = "all", _("All writing")
    DEPARTMENT = "department", _("Public writing, per department")
    OFFICE = "office", _("Public writing, per office")
    COMMUNITY = "community", _("Public writing, per community")
    # For the department and office filters: a filtered view sums these rows.
    DEPARTMENT_OFFICE = "dep_office", _("Public writing, per department and office")
    DEPARTMENT_COMMUNITY = "dep_comm", _("Public writing, per department and community")
    OFFICE_COMMUNITY = "off_comm", _("Public writing, per office and community")
    DEPARTMENT_OFFICE_COMMUNITY = (
        "dep_off_cm",
        _("Public writing, per department, office and community"),
    )


class ClimateSentimentWeek(models.Model):
    """Scored writing of one week or day (company time zone) per sentiment, company-wide or per
    department, office or community of the writing (public writing for those), with the set
    of distinct authors (as in ``ConversationVolume``). Written with the week's
    ``ConversationVolume`` rows, under its ``ConversationWeek``; no database constraints."""

    week = models.DateField(_("week"))  # Its Monday; the day itself for a day's row.
    # 1 for a week, 0 for one day (the partial weeks at either end of a period).
    span = models.PositiveSmallIntegerField(_("weeks"), default=1)
    level = models.CharField(_("level"), max_length=10, choices=ClimateLevel.choices)
    # The department, office or community of the level; null for the whole company. The
    # community for the levels "per ... and community".
    group_id = models.BigIntegerField(_("group id"), null=True, blank=True)
    # The department and office of the combined levels (null otherwise, or none).
    department_id = models.BigIntegerField(_("department id"), null=True, blank=True)
    office_id = models.BigIntegerField(_("office id"), null=True, blank=True)
    positive = models.PositiveIntegerField(_("positive"), default=0)
    neutral = models.PositiveIntegerField(_("neutral"), default=0)
    negative = models.PositiveIntegerField(_("negative"), default=0)
    people = models.PositiveIntegerField(_("distinct authors"), default=0)
    authors = models.BinaryField(_("authors (compressed bitmap)"))

    class Meta:
        ordering = ["-week", "span", "level", "group_id"]
        verbose_name = _("climate sentiment week")
        verbose_name_plural = _("climate sentiment weeks")
        indexes = [
            models.Index(fields=["span", "week"], name="climate_span_week"),
            models.Index(fields=["level", "department_id", "week"], name="climate_level_dep_week"),
            models.Index(fields=["level", "office_id", "week"], name="climate_level_off_week"),
        ]

    def __str__(self):
        return f"{self.week} {self.level} {self.group_id}: {self.volume} by {self.people}"

    @property
    def volume(self) -> int:
        return self.positive + self.neutral + self.negative


class ClimateTopicWeek(models.Model):
    """Public writing carrying one tag in one week or day: pieces and negative pieces, with the
    distinct authors of each (for the topics driving negative sentiment)."""

    week = models.DateField(_("week"))  # Its Monday; the day itself for a day's row.
    span = models.PositiveSmallIntegerField(_("weeks"), default=1)  # As in ClimateSentimentWeek.
    # All public writing, or per department, office, or department and office (filters).
    level = models.CharField(
        _("level"), max_length=10, choices=ClimateLevel.choices, default=ClimateLevel.ALL
    )
    department_id = models.BigIntegerField(_("department id"), null=True, blank=True)
    office_id = models.BigIntegerField(_("office id"), null=True, blank=True)
    tag = models.CharField(_("tag"), max_length=255)
    items = models.PositiveIntegerField(_("items"), default=0)
    negative = models.PositiveIntegerField(_("negative"), default=0)
    people = models.PositiveIntegerField(_("distinct authors"), default=0)
    authors = models.BinaryField(_("authors (compressed bitmap)"))
    negative_authors = models.BinaryField(_("authors of negative pieces (compressed bitmap)"))

    class Meta:
        ordering = ["-week", "span", "tag"]
        verbose_name = _("climate topic week")
        verbose_name_plural = _("climate topic weeks")
        indexes = [
            models.Index(fields=["span", "week"], name="climate_topic_span_week"),
            models.Index(fields=["level", "department_id", "week"], name="climate_topic_dep_week"),
            models.Index(fields=["level", "office_id", "week"], name="climate_topic_off_week"),
        ]

    def __str__(self):
        return f"{self.week} {self.tag}: {self.negative}/{self.items} by {self.people}"
