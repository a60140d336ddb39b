from django import forms, template
from django.forms.boundfield import BoundWidget
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


@register.filter
def is_choice_group(field: forms.BoundField) -> bool:
    """Checkbox lists and radio buttons: a fieldset with a legend, one label per option."""
    return isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple))


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag
def choice_options(field: forms.BoundField) -> list[BoundWidget]:
    """The options of a checkbox list or radio group, each with Bootstrap's class."""
    attrs = field.build_widget_attrs(
        {"id": field.auto_id, "class": "form-check-input"} if field.auto_id else {}
    )
    widget = field.field.widget
    return [
        BoundWidget(widget, w, field.form.renderer)
        for w in widget.subwidgets(field.html_name, field.value(), attrs)
    ]
