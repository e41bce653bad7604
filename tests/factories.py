"""Test data. Plain rows come from factories; anything with rules goes through services."""

import functools

import factory
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from profiles.models import Department, Office, User

PASSWORD = "kolega-test-pass-42"


@functools.cache
def password_hash() -> str:
    """``PASSWORD`` hashed once: every person shares it, and the insert stores it (no second
    write per person)."""
    return make_password(PASSWORD)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Department {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Office {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    city = "Jakarta"
    country = "Indonesia"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    display_name = factory.LazyAttribute(lambda o: f"{o.first_name} {o.last_name}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@kolega.test")
    job_title = "Analyst"
    password = factory.LazyFunction(password_hash)
