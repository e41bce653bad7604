from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.core.signals import request_finished

        from core import schedule

        request_finished.connect(schedule.after_request, dispatch_uid="core.schedule")
