"""Communities in the search index: every community, archived ones too. A secret community's
document is placed in itself, so only its members (and moderators) find it."""

from django.db.models import Count, Q

from communities.models import Community, CommunityType, Membership, MembershipState
from search import indexing
from search.models import Kind


def community_document(community: Community) -> indexing.Document:
    members = getattr(community, "member_total", None)
    if members is None:
        members = community.memberships.filter(state=MembershipState.ACTIVE).count()
    return indexing.Document(
        url=community.get_absolute_url(),
        created_at=community.created_at,
        title=community.name,
        body=indexing.text_of(community.description),
        community_id=community.pk if community.type == CommunityType.SECRET else None,
        author_id=community.created_by_id,
        engagement=members,
    )


def communities():
    return Community.objects.annotate(
        member_total=Count("memberships", filter=Q(memberships__state=MembershipState.ACTIVE))
    )


indexing.register(
    Kind.COMMUNITY,
    Community,
    document=community_document,
    queryset=communities,
    # The member count ranks it.
    watch={Membership: lambda membership: [membership.community]},
)
