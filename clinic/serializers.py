"""Providers as pages' API answers show them (team page, clinical review): serializer fields."""

from rest_framework.fields import Field

from clinic.images import image_data


def provider_data(provider) -> dict | None:
    if provider is None:
        return None
    return {
        "id": provider.pk,
        "name": provider.name,
        "credentials": provider.credentials,
        "role": provider.role,
    }


class ProvidersField(Field):
    """The clinic's providers with their photo, credentials, role and bio (the team page)."""

    def to_representation(self, providers):
        return [
            {
                **provider_data(provider),
                "short_bio": provider.short_bio,
                "photo": image_data(provider.photo),
            }
            for provider in providers
        ]
