from django import forms
from django.conf import settings
from django.core.validators import slug_re
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from rumors.models import (
    Appeal,
    Evidence,
    MediaLink,
    ModeratorComment,
    Person,
    Reference,
    Report,
    ReviewRound,
    Rumor,
    VerdictVote,
    VerifiedRequester,
    Work,
)
from rumors.textsearch import HANGUL
from rumors.verdicts import SCALE, Verdict


class SlugsField(forms.ModelMultipleChoiceField):
    """Choices named by slug, at most `max_count` of them. Each value must look like a slug
    before it reaches the database: PostgreSQL refuses text with NUL bytes, which would
    otherwise end as a server error."""

    def __init__(self, *, max_count: int, **kwargs):
        self.max_count = max_count
        super().__init__(**kwargs)

    def _check_values(self, value):
        if len(value) > self.max_count:
            raise forms.ValidationError(
                _("Choose at most %(n)s."), code="too_many", params={"n": self.max_count}
            )
        for item in value:
            if not isinstance(item, str) or not slug_re.fullmatch(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class SubmitRumorForm(forms.Form):
    url = forms.URLField(
        label=_("Link"),
        max_length=2000,
        assume_scheme="https",
        help_text=_("The clip, post or article that makes the claim."),
        widget=forms.URLInput(attrs={"placeholder": "https://", "autofocus": True}),
    )
    title = forms.CharField(label=_("Title"), max_length=Rumor.TITLE_MAX_LENGTH)
    claim = forms.CharField(
        label=_("What does it claim?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=Rumor.CLAIM_MAX_LENGTH,
    )
    title_ko = forms.CharField(
        label=_("Title in Korean"),
        max_length=Rumor.TITLE_MAX_LENGTH,
        required=False,
        help_text=_("Optional: readers of the Korean interface see it first."),
    )
    claim_ko = forms.CharField(
        label=_("The claim in Korean"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=Rumor.CLAIM_MAX_LENGTH,
        required=False,
    )
    people = SlugsField(
        label=_("Actors involved"),
        queryset=Person.objects.listed().order_by("name"),
        max_count=Rumor.MAX_PEOPLE,
        required=False,
        to_field_name="slug",
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
        widget=forms.SelectMultiple(attrs={"data-search-label": _("Find an actor by name")}),
    )
    works = SlugsField(
        label=_("Dramas or films involved"),
        queryset=Work.objects.listed().order_by("title"),
        max_count=Rumor.MAX_WORKS,
        required=False,
        to_field_name="slug",
    )
    # Someone the site does not know yet: usable on this rumor at once, listed once a
    # moderator approves it.
    new_person_name = forms.CharField(
        label=_("New actor: name in Latin letters"),
        max_length=Person._meta.get_field("name").max_length,
        required=False,
        help_text=_("Not in the list? Propose them: a moderator checks before they are listed."),
    )
    new_person_name_hangul = forms.CharField(
        label=_("New actor: name in Hangul"),
        max_length=Person._meta.get_field("name_hangul").max_length,
        required=False,
    )
    new_person_agency = forms.CharField(
        label=_("New actor: agency"),
        max_length=Person._meta.get_field("agency").max_length,
        required=False,
    )
    new_work_title = forms.CharField(
        label=_("New drama or film: title in Latin letters"),
        max_length=Work._meta.get_field("title").max_length,
        required=False,
    )
    new_work_title_korean = forms.CharField(
        label=_("New drama or film: Korean title"),
        max_length=Work._meta.get_field("title_korean").max_length,
        required=False,
    )
    new_work_year = forms.IntegerField(
        label=_("New drama or film: year"), min_value=1900, max_value=2100, required=False
    )

    def clean(self):
        """The new person and work as rumor_submit takes them (`new_people`, `new_works`)."""
        data = super().clean()
        person = {
            "name": data.pop("new_person_name", ""),
            "name_hangul": data.pop("new_person_name_hangul", ""),
            "agency": data.pop("new_person_agency", ""),
        }
        work = {
            "title": data.pop("new_work_title", ""),
            "title_korean": data.pop("new_work_title_korean", ""),
            "year": data.pop("new_work_year", None),
        }
        if any(person.values()) and not person["name"]:
            self.add_error("new_person_name", _("Give the new person's name in Latin letters."))
        if any(v for v in work.values() if v is not None) and not work["title"]:
            self.add_error(
                "new_work_title", _("Give the new drama's or film's title in Latin letters.")
            )
        data["new_people"] = [person] if person["name"] else []
        data["new_works"] = [work] if work["title"] else []
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=[("", _("Any verdict")), *Verdict.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *Rumor.public_status_choices()],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("Actor, drama or claim: 김다미, kiss clip…")}
        )


class SensitivityForm(forms.Form):
    sensitive = forms.BooleanField(required=False)
    source = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=Evidence.proposable_kinds)
    stance = forms.ChoiceField(label=_("Stance"), choices=Evidence.Stance.choices)
    url = forms.URLField(
        label=_("Link"),
        max_length=2000,
        required=False,
        assume_scheme="https",
        help_text=_("The original footage, statement, article or archive."),
    )
    # A plain file field: the evidence service checks and re-encodes the image itself, so that
    # the API and the web share one set of rules.
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("A screenshot or side-by-side comparison: JPEG, PNG, WebP or GIF."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    timestamps = forms.CharField(
        label=_("Matching timestamps"),
        max_length=Evidence.TIMESTAMPS_MAX_LENGTH,
        required=False,
        help_text=_("For original footage: where the clips match, e.g. 0:42-0:55 = 1:10."),
    )
    statement_date = forms.DateField(
        label=_("Date of the statement"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=Evidence.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Simple Markdown: *emphasis*, **bold**, lists and links."),
    )

    # "A link, an image, or both" is the evidence service's rule: it names the field.


class VoteForm(forms.Form):
    # Each choice says what the verdict means, beside its name.
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=[
            (code, format_lazy("{}: {}", info.label, info.meaning)) for code, info in SCALE.items()
        ],
        widget=forms.RadioSelect,
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=VerdictVote.RATIONALE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences: what settles it? Shown once the verdict is reached."),
    )


def _reason(label, max_length: int, help_text="") -> forms.CharField:
    """A moderator's reason for an action: a short text, its limit from the model."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=help_text,
    )


class ReopenForm(forms.Form):
    reason = _reason(
        _("Why reopen?"),
        ReviewRound.REOPEN_REASON_MAX_LENGTH,
        _("Name the new evidence that calls for another look."),
    )


class RejectForm(forms.Form):
    reason = _reason(
        _("Why reject it as spam?"),
        Rumor.REJECT_REASON_MAX_LENGTH,
        _("The rumor disappears from every public page at once; its submitter sees why."),
    )


class HoldForm(forms.Form):
    reason = _reason(
        _("Why hold it?"),
        Rumor.HOLD_REASON_MAX_LENGTH,
        _(
            "For a report of defamation or private information in the text: the rumor leaves "
            "every public page and its page answers 451 until the date, or until you lift it."
        ),
    )
    days = forms.IntegerField(label=_("For how many days?"), min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # At most HOLD_MAX_DAYS: the service checks it, read when the form is made.
        self.fields["days"].initial = settings.HOLD_MAX_DAYS


class ReleaseForm(forms.Form):
    reason = _reason(_("Why lift the hold?"), Rumor.HOLD_REASON_MAX_LENGTH)


class ReuploadForm(forms.Form):
    url = forms.CharField(
        label=_("Link to a re-upload"),
        max_length=2000,
        help_text=_(
            "The same clip under another address (a re-post, a mirror, a short link). A "
            "moderator checks it before it joins the rumor's links."
        ),
    )


class MediaLinkDecisionForm(forms.Form):
    """Sent by the two buttons of a link in the similar-media panel."""

    decision = forms.ChoiceField(
        choices=[(code, state.label) for code, state in MediaLink.DECISIONS.items()],
        error_messages={
            "invalid_choice": _("Choose “confirm” (the same picture) or “split” (not the same).")
        },
    )


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Merge into rumor number"),
        min_value=1,
        help_text=_(
            "The same clip, submitted twice: this rumor's links, evidence, people and works "
            "move there, and its page sends readers there. Its votes stay in its history."
        ),
    )


class RedactForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=Rumor.TITLE_MAX_LENGTH)
    claim = forms.CharField(
        label=_("Claim"),
        max_length=Rumor.CLAIM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The public sees the new text; the text as submitted stays for moderators."),
    )


class TranslateForm(forms.Form):
    """A moderator adds the rumor's text in the other language (services rumor_translate)."""

    language = forms.ChoiceField(
        label=_("Language"),
        choices=list(Rumor.TRANSLATION_LANGUAGES.items()),
        help_text=_(
            "Korean: the Korean title and claim beside the English. English: the English "
            "beside a rumor submitted in Korean, whose text becomes its Korean text."
        ),
    )
    title = forms.CharField(label=_("Title"), max_length=Rumor.TITLE_MAX_LENGTH)
    claim = forms.CharField(
        label=_("Claim"),
        max_length=Rumor.CLAIM_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    @classmethod
    def for_rumor(cls, rumor: Rumor) -> "TranslateForm":
        """Unbound, offering the language the rumor lacks (and its Korean text to correct)."""
        if not rumor.title_ko and HANGUL.search(rumor.title + rumor.claim):
            return cls(initial={"language": "en"}, prefix="translate")
        return cls(
            initial={"language": "ko", "title": rumor.title_ko, "claim": rumor.claim_ko},
            prefix="translate",
        )


class AppealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should moderators look again?"),
        max_length=Appeal.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("You may appeal once. A moderator reads every appeal."),
    )


class QueueFilterForm(forms.Form):
    filter = forms.ChoiceField(
        required=False,
        choices=[
            ("", _("All awaiting review")),
            ("needs_evidence", _("Needs evidence")),
            ("needs_votes", _("Needs votes")),
            ("disputed", _("Disputed")),
        ],
    )


# One line for each category, shown beside its choice on the report form.
REPORT_CATEGORY_HELP = {
    Report.Category.SEXUAL_DEEPFAKE: _(
        "Sexual or intimate imagery of a real person, synthetic or not. Hidden at once."
    ),
    Report.Category.PRIVACY: _(
        "Someone's personal information (address, phone, ID), or a private person shown. "
        "Hidden at once."
    ),
    Report.Category.DEFAMATION: _("A false claim that harms someone's reputation."),
    Report.Category.SPAM: _("Advertising, scams or a rumor made up to get clicks."),
    Report.Category.OTHER: _("Anything else a moderator should look at."),
}


class ReportForm(forms.Form):
    url = forms.URLField(
        label=_("Page or link"),
        max_length=2000,
        required=False,
        assume_scheme="https",
        help_text=_("A rumor page on Jinjja (all its media), or a link submitted to it."),
    )
    evidence = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    category = forms.ChoiceField(
        label=_("What is wrong?"), choices=Report.Category.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=Report.DETAILS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What should a moderator know? Do not paste the images themselves."),
    )
    email = forms.EmailField(
        label=_("Your email (optional)"),
        required=False,
        help_text=_("Only if you want a reply. Moderators see it; nobody else does."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("url") and not data.get("evidence") and not self.errors.get("url"):
            raise forms.ValidationError(_("Give the page or link you are reporting."))
        return data


class RequesterForm(forms.Form):
    """A moderator records a verified requester: the member, and the person or the agency."""

    member = forms.CharField(
        label=_("Member"),
        max_length=254,
        help_text=_("Their username or email address; the address must be confirmed."),
    )
    person = forms.CharField(
        label=_("Person"),
        max_length=140,
        required=False,
        help_text=_("The person concerned: the last part of their page's address (/people/…/)."),
    )
    agency = forms.CharField(
        label=_("Agency"),
        max_length=120,
        required=False,
        help_text=_("Or their agency, as written on its people's pages: it covers all of them."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=VerifiedRequester.NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How they proved who they are (seen only by moderators)."),
    )


class ReportDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("uphold", _("Uphold: keep the media hidden")),
            ("dismiss", _("Dismiss: restore the media")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=Report.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WebhookForm(forms.Form):
    url = forms.URLField(
        assume_scheme="https",
        label=_("Receiver URL"),
        max_length=2000,
        help_text=_("Where each event is POSTed (https, on the public internet)."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose “Every public event” or the kinds you want."),
    )
    person = forms.SlugField(
        label=_("Only rumors about this person (slug)"), required=False, max_length=80
    )

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].choices = [("*", _("Every public event")), *kinds]

    def clean_person(self):
        slug = self.cleaned_data["person"]
        if not slug:
            return None
        person = Person.objects.filter(slug=slug).first()
        if person is None:
            message = _("No person has the slug “%(slug)s”.")
            raise forms.ValidationError(message, params={"slug": slug})
        return person


class DiscussionForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the other moderators"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=ModeratorComment.BODY_MAX_LENGTH,
        help_text=_("Markdown, as in evidence notes; @username tells a moderator."),
    )


class ReferenceForm(forms.Form):
    url = forms.URLField(
        label=_("Link"),
        max_length=2000,
        required=False,
        assume_scheme="https",
        help_text=_("An official channel's video, a press-event photo, a drama still."),
    )
    # A plain file field: the references service checks and re-encodes the image itself.
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("Or upload the picture: JPEG, PNG, WebP or GIF."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    people = SlugsField(
        label=_("Actors in it"),
        queryset=Person.objects.order_by("name"),
        max_count=Rumor.MAX_PEOPLE,
        required=False,
        to_field_name="slug",
    )
    works = SlugsField(
        label=_("Dramas or films"),
        queryset=Work.objects.order_by("title"),
        max_count=Rumor.MAX_WORKS,
        required=False,
        to_field_name="slug",
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=Reference.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where it comes from: the channel, the event, the date."),
    )


class ReferenceClearForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it may be shown"),
        max_length=Report.REASON_MAX_LENGTH,
        help_text=_("For example: the official footage a fake was built from."),
    )
