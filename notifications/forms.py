from django import forms

from notifications.models import Channel, Verb


class PreferencesForm(forms.Form):
    """One choice per type of notification: in the app, also by e-mail, or off."""

    def __init__(self, *args, initial_channels: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for verb, label in Verb.choices:
            self.fields[verb] = forms.ChoiceField(
                label=label,
                choices=Channel.choices,
                widget=forms.RadioSelect,
                initial=(initial_channels or {}).get(verb),
            )
