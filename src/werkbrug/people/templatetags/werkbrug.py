from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()

_CHECK = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.simple_tag
def field_widget(field: forms.BoundField) -> SafeString:
    """The field's input with Bootstrap's class and its help text and errors tied to it for screen readers."""
    widget = field.field.widget
    if isinstance(widget, _CHECK):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    described = []
    if field.errors:
        css += " is-invalid"
        described.append(f"{field.auto_id}_error")
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    attrs = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
