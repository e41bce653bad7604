"""The shape of the analytics API's answers (for the schema; the data is built by
``analytics.dashboards.RenderedTable.as_json``)."""

from rest_framework import serializers


class FigureSerializer(serializers.Serializer):
    value = serializers.FloatField(
        allow_null=True, help_text="The number; null when suppressed (or when there is none)."
    )
    suppressed = serializers.BooleanField(
        help_text="True when built from fewer than `min_group_size` distinct people."
    )


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    # A string naming its values, not an enum component ("kind" is taken in the schema).
    kind = serializers.CharField(
        help_text="One of `text`, `number`, `figure`, `link`. `figure` cells are Figure "
        "objects; a `link` column also has `<key>_url`.",
    )


class TableSerializer(serializers.Serializer):
    title = serializers.CharField()
    columns = ColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.DictField(),
        help_text="One object per row, keyed by column key: text, numbers, or a Figure "
        '(`{"value": 1.5, "suppressed": false}`).',
    )


class FiltersSerializer(serializers.Serializer):
    from_ = serializers.DateField(label="from")
    to = serializers.DateField()
    department = serializers.IntegerField(allow_null=True)
    office = serializers.IntegerField(allow_null=True)
    community = serializers.IntegerField(allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class DashboardSerializer(serializers.Serializer):
    dashboard = serializers.CharField()
    title = serializers.CharField()
    filters = FiltersSerializer()
    min_group_size = serializers.IntegerField()
    suppressed_text = serializers.CharField()
    ignored_filters = serializers.ListField(child=serializers.CharField())
    tables = serializers.DictField(child=TableSerializer(), help_text="Keyed by table slug.")
