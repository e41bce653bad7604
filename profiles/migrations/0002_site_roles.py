from django.db import migrations

SITE_ROLES = ("Communicators", "Moderators", "Leaders", "Analysts")


def create_site_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in SITE_ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_site_roles, migrations.RunPython.noop)]
