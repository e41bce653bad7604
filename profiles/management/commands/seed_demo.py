from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from blog.demo import demo_blog_seed
from feed import demo as feed_demo
from files.demo import demo_files_seed
from forums.demo import demo_forum_seed
from profiles.demo import data
from profiles.demo.history import WEEKS, demo_history_seed
from profiles.demo.plan import MIN_USERS
from profiles.demo.seed import ADMIN_USERNAME, DEMO_PASSWORD, demo_company_seed
from profiles.models import User
from search import indexing
from wiki.demo import demo_wiki_seed


class Command(BaseCommand):
    help = (
        f"Fill an empty database with the demo company {data.COMPANY}: departments, offices, "
        "an org chart, skills, interests, follows and communities, and "
        f"{feed_demo.DAYS} days of feed history up to today (posts, comments, reactions, "
        "polls, praise, announcements), the forum (categories, questions and discussions, "
        "answers, votes, accepted answers) and the blogs, then the analytics of the last "
        f"{WEEKS} weeks (the event log, its rollups and the climate). The same --seed "
        "gives the same company. "
        f'Every demo account, "{ADMIN_USERNAME}" included, has the password "{DEMO_PASSWORD}".'
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=42, help="Random seed (default 42).")
        parser.add_argument(
            "--users",
            type=int,
            default=60,
            help=f"People to create (default 60, at least {MIN_USERS}).",
        )
        parser.add_argument(
            "--no-analytics",
            dest="analytics",
            action="store_false",
            help="Skip the analytics history (event log, rollups, sentiment): a faster seed "
            "for tests that do not read the dashboards.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Seed only when the database has no users; otherwise do nothing and exit 0.",
        )

    def handle(self, *args, seed, users, if_empty, verbosity, analytics=True, **options):
        existing = User.objects.count()
        if existing:
            if if_empty:
                if verbosity:
                    self.stdout.write(f"The database already has {existing} users; not seeding.")
                return
            raise CommandError(
                f"The database already has {existing} users. seed_demo only fills an empty "
                "database, so that demo data never mixes with real accounts. Use --if-empty to "
                "skip quietly, or empty the database first (manage.py flush)."
            )
        if users < MIN_USERS:
            raise CommandError(f"--users must be at least {MIN_USERS}.")

        log = self.stdout.write if verbosity else (lambda message: None)
        # Much of the demo is written in bulk, past the indexing signals: the search index is
        # built once, from everything, at the end.
        with transaction.atomic(), indexing.paused():
            result = demo_company_seed(seed=seed, users=users, log=log)
            ids = _saved_ids(result.company)
            forum = demo_forum_seed(company=result.company, ids=ids, seed=seed, log=log)
            blog = demo_blog_seed(company=result.company, ids=ids, seed=seed, log=log)
            demo_wiki_seed(company=result.company, seed=seed, log=log)
            demo_files_seed(company=result.company, seed=seed, log=log)
            # Last: the analytics log, rollups and climate read what the others wrote.
            history = (
                demo_history_seed(company=result.company, ids=ids, seed=seed, log=log)
                if analytics
                else None
            )
        for kind in indexing.sources():
            indexing.rebuild(kind)
        if not verbosity:
            return
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {data.COMPANY} in {result.seconds:.1f} s: {counts['people']} people "
                f"and {ADMIN_USERNAME}, {counts['departments']} departments, "
                f"{counts['offices']} offices, {counts['follows']} follows, "
                f"{counts['skills']} skills and {counts['interests']} interests "
                f"({counts['tags']} distinct tags), {counts['communities']} communities with "
                f"{counts['memberships']} memberships, {counts['requests']} join requests and "
                f"{counts['invitations']} invitations."
            )
        )
        forum_counts, blog_counts = forum.counts, blog.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Forum and blogs in {forum.seconds + blog.seconds:.1f} s: "
                f"{forum_counts['forum_threads']} threads in "
                f"{forum_counts['forum_categories']} categories with "
                f"{forum_counts['forum_replies']} replies, {blog_counts['articles']} articles."
            )
        )
        if history is not None:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Analytics in {history.seconds:.1f} s: {history.counts['events']} events over "
                    f"{WEEKS} weeks, rolled up, and {history.counts['scored']} texts scored."
                )
            )
        self.stdout.write(f'\nDemo logins (every demo account\'s password is "{DEMO_PASSWORD}"):')
        rows = [(ADMIN_USERNAME, "Django admin (superuser)", "Kolega Admin")]
        for key, spec in data.WELL_KNOWN.items():
            person = result.company.by_well_known(key)
            role = spec["role"] or "Employee (no site role)"
            rows.append((person.username, role, f"{person.display_name}, {person.job_title}"))
        width = max(len(row[0]) for row in rows)
        for username, role, who in rows:
            self.stdout.write(f"  {username:<{width}}  {role:<24}  {who}")


def _saved_ids(company) -> list[int]:
    """Each planned person's user id (the demo seed saved them by username, in a database
    that had no users)."""
    found = dict(User.objects.values_list("username", "pk"))
    return [found[p.username] for p in company.people]
