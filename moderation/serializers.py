"""API shapes for reports: what a reporter sends, what moderators read and send back."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from moderation.models import REASON_MAX_LENGTH, Report, ReportStatus
from profiles.serializers import PersonSummarySerializer


class ReportTargetSerializer(serializers.Serializer):
    """What was reported: ``type`` is "communities.community" or a content type such as
    "placement.note"; ``label`` is "(deleted)" when it no longer exists."""

    type = serializers.CharField()
    id = serializers.IntegerField()
    label = serializers.CharField()
    url = serializers.CharField(allow_blank=True)


class ReportCommunitySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class ReportSerializer(serializers.ModelSerializer):
    """A report, as its reporter and the moderators who handle it see it."""

    reporter = PersonSummarySerializer(read_only=True)
    resolved_by = PersonSummarySerializer(read_only=True, allow_null=True)
    target = serializers.SerializerMethodField()
    community = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "status",
            "reason",
            "created_at",
            "reporter",
            "target",
            "community",
            "resolved_by",
            "resolved_at",
            "resolution_note",
        ]
        read_only_fields = fields

    @extend_schema_field(ReportTargetSerializer)
    def get_target(self, report) -> dict:
        url = report.target_url
        request = self.context.get("request")
        return {
            "type": f"{report.target_type.app_label}.{report.target_type.model}",
            "id": report.target_id,
            "label": report.target_label,
            "url": request.build_absolute_uri(url) if url and request else url,
        }

    @extend_schema_field(ReportCommunitySerializer(allow_null=True))
    def get_community(self, report) -> dict | None:
        community = report.community
        return {"slug": community.slug, "name": community.name} if community else None


class ReportCreateSerializer(serializers.Serializer):
    """Report a community (``community``: its slug) or content (``type`` and ``id``)."""

    community = serializers.SlugField(required=False, help_text=_("The community's slug."))
    type = serializers.CharField(
        required=False, max_length=100, help_text=_('The content type, e.g. "placement.note".')
    )
    id = serializers.IntegerField(required=False, min_value=1)
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH)

    def validate(self, data):
        has_content = "type" in data or "id" in data
        if ("community" in data) == has_content or (
            has_content and not ("type" in data and "id" in data)
        ):
            raise serializers.ValidationError(
                _('Send either "community", or both "type" and "id".')
            )
        return data

    def target_lookup(self) -> dict:
        data = self.validated_data
        return {
            "community_slug": data.get("community", ""),
            "type_label": data.get("type", ""),
            "pk": data.get("id"),
        }


class ReportResolveSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=[ReportStatus.RESOLVED, ReportStatus.DISMISSED],
        help_text=_('"resolved" (acted on) or "dismissed" (nothing wrong).'),
    )
    note = serializers.CharField(max_length=REASON_MAX_LENGTH, required=False, allow_blank=True)
    hide_content = serializers.BooleanField(
        default=False, help_text=_("Also hide the reported content (with outcome resolved).")
    )
