"""People in the search index: every active employee, found by name, skills and interests."""

from profiles.models import Department, Office, User
from search import indexing
from search.models import Kind

# The fields a person's document is made of (a login's ``last_login`` is not one of them).
FIELDS = (
    "username", "first_name", "last_name", "display_name", "job_title", "department",
    "office", "bio", "is_active",
)  # fmt: skip


def person_document(user: User) -> indexing.Document | None:
    if not user.is_active:
        return None
    department = user.department.name if user.department_id else ""
    office = user.office.name if user.office_id else ""
    skills = [tag.name for tag in indexing.tags_of(user, "skills")]
    interests = [tag.name for tag in indexing.tags_of(user, "interests")]
    return indexing.Document(
        url=user.get_absolute_url(),
        created_at=user.date_joined,
        title=user.name,
        keywords=" ".join(filter(None, [*skills, *interests, department, office])),
        body=" ".join(filter(None, [user.job_title, indexing.text_of(user.bio)])),
        subtitle=" · ".join(filter(None, [user.job_title, department])),
        # The person the document is about: their avatar, and "by this person" finds them.
        author_id=user.pk,
    )


def people():
    return (
        User.objects.active()
        .select_related("department", "office")
        .prefetch_related(
            indexing.prefetch_tags(User, "skills"), indexing.prefetch_tags(User, "interests")
        )
    )


indexing.register(
    Kind.PERSON,
    User,
    document=person_document,
    queryset=people,
    fields=FIELDS,
    watch={
        Department: lambda department: department.members.all(),
        Office: lambda office: office.members.all(),
    },
)
