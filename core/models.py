from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Every Kolega model records when it was created and last changed."""

    # A default rather than auto_now_add, so imports and demo data can keep real dates.
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False, db_index=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyQuerySet(models.QuerySet):
    """Rows are written once: no bulk updates, no deletes."""

    def update(self, **kwargs):
        raise TypeError(f"{self.model.__name__} rows are append-only.")

    def delete(self):
        raise TypeError(f"{self.model.__name__} rows are append-only.")

    delete.queryset_only = True


class AppendOnlyModel(models.Model):
    """A log: a row is saved once and never changed or deleted (the event and audit logs).

    Deleting what a row points at still works: those links are SET_NULL, which Django
    applies through its base manager, not through this queryset."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError(f"{type(self).__name__} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(f"{type(self).__name__} rows are append-only.")


class ScheduledRun(models.Model):
    """An entry of ``CELERY_BEAT_SCHEDULE`` as the embedded mode runs it (``core.schedule``):
    when it last ran and how that went. Moving ``last_run_at`` on is the claim that lets one
    request, and only one, run a due entry."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    task = models.CharField(_("task"), max_length=200)
    last_run_at = models.DateTimeField(_("last run"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")

    def __str__(self) -> str:
        return self.name
