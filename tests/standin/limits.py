"""Discord's request-body limits, reported as Discord reports them (400, code 50035).

discord.py checks almost none of these itself, so a bot that overflows a limit only fails
against the real API; the stand-in makes that failure visible in tests.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Sized
from typing import Any

from .payloads import FLAG_COMPONENTS_V2, JSON

Path = tuple[str | int, ...]

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_VALUE_MAX = 100
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
ROW_COMPONENTS_MAX = 5
ROWS_MAX = 5
V2_COMPONENTS_MAX = 40
SELECT_OPTIONS_MAX = 25
SELECT_OPTION_TEXT_MAX = 100
SELECT_PLACEHOLDER_MAX = 150
THREAD_NAME_MAX = 100
MODAL_TITLE_MAX = 45
MODAL_COMPONENTS_MAX = 5
TEXT_INPUT_LABEL_MAX = 45
TEXT_INPUT_VALUE_MAX = 4000
COMMAND_NAME_MAX = 32
COMMAND_DESCRIPTION_MAX = 100
COMMAND_OPTIONS_MAX = 25

SELECT_TYPES = (3, 5, 6, 7, 8)
CONTAINER_TYPES = (1, 9, 17, 18)


class FormErrors:
    """Collects field errors into Discord's nested `errors` tree."""

    def __init__(self) -> None:
        self.tree: JSON = {}

    def __bool__(self) -> bool:
        return bool(self.tree)

    def add(self, path: Path, code: str, message: str) -> None:
        node = self.tree
        for part in path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})

    def max_length(self, path: Path, value: Sized, limit: int) -> None:
        if len(value) > limit:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def bad_length(self, path: Path, value: Sized | None, low: int, high: int) -> None:
        if value is None:
            if low > 0:
                self.add(path, "BASE_TYPE_REQUIRED", "This field is required")
            return
        if not low <= len(value) <= high:
            self.add(path, "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")

    def body(self) -> JSON:
        return {"code": 50035, "message": "Invalid Form Body", "errors": self.tree}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def check_message(body: JSON, errors: FormErrors, prefix: Path = ()) -> None:
    """Content, embed and component limits of a message create/edit body."""
    content = body.get("content")
    if isinstance(content, str):
        errors.max_length((*prefix, "content"), content, CONTENT_MAX)
    embeds = body.get("embeds")
    if isinstance(embeds, list):
        check_embeds(embeds, errors, (*prefix, "embeds"))
    components = body.get("components")
    if isinstance(components, list):
        flags = body.get("flags") or 0
        check_components(components, errors, (*prefix, "components"), v2=bool(flags & FLAG_COMPONENTS_V2))


def check_embeds(embeds: list[Any], errors: FormErrors, prefix: Path) -> None:
    """Per-embed limits plus the 6000-character total over all embeds."""
    errors.max_length(prefix, embeds, EMBEDS_MAX)
    total = 0
    for index, embed in enumerate(embeds):
        if not isinstance(embed, dict):
            continue
        here = (*prefix, index)
        title = _text(embed.get("title"))
        description = _text(embed.get("description"))
        errors.max_length((*here, "title"), title, EMBED_TITLE_MAX)
        errors.max_length((*here, "description"), description, EMBED_DESCRIPTION_MAX)
        total += len(title) + len(description)
        footer = _text((embed.get("footer") or {}).get("text"))
        errors.max_length((*here, "footer", "text"), footer, EMBED_FOOTER_MAX)
        author = _text((embed.get("author") or {}).get("name"))
        errors.max_length((*here, "author", "name"), author, EMBED_AUTHOR_MAX)
        total += len(footer) + len(author)
        fields = embed.get("fields") or []
        errors.max_length((*here, "fields"), fields, EMBED_FIELDS_MAX)
        for f_index, field in enumerate(fields):
            name, value = field.get("name"), field.get("value")
            errors.bad_length((*here, "fields", f_index, "name"), name, 1, EMBED_FIELD_NAME_MAX)
            errors.bad_length((*here, "fields", f_index, "value"), value, 1, EMBED_FIELD_VALUE_MAX)
            total += len(_text(name)) + len(_text(value))
    if total > EMBED_TOTAL_MAX:
        errors.add(prefix, "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {EMBED_TOTAL_MAX}")


def walk_components(components: Sequence[Any], prefix: Path) -> Iterator[tuple[Path, JSON]]:
    """Every component, nested ones included, with its error path."""
    for index, comp in enumerate(components):
        if not isinstance(comp, dict):
            continue
        here = (*prefix, index)
        yield here, comp
        if isinstance(comp.get("components"), list):
            yield from walk_components(comp["components"], (*here, "components"))
        if isinstance(comp.get("component"), dict):
            yield from walk_components([comp["component"]], (*here, "component"))
        if isinstance(comp.get("accessory"), dict):
            yield (*here, "accessory"), comp["accessory"]


def check_components(components: list[Any], errors: FormErrors, prefix: Path, *, v2: bool = False) -> None:
    """Row counts for classic messages, the 40-component cap for V2 ones, and item limits."""
    if v2:
        count = sum(1 for _ in walk_components(components, prefix))
        if count > V2_COMPONENTS_MAX:
            errors.add(prefix, "BASE_TYPE_MAX_LENGTH", f"Must be {V2_COMPONENTS_MAX} or fewer in length.")
    else:
        errors.max_length(prefix, components, ROWS_MAX)
        for index, row in enumerate(components):
            if not isinstance(row, dict) or row.get("type") != 1:
                continue
            children = row.get("components")
            if isinstance(children, list):
                errors.bad_length((*prefix, index, "components"), children, 1, ROW_COMPONENTS_MAX)
                if len(children) > 1 and any(c.get("type") in SELECT_TYPES for c in children):
                    errors.add(
                        (*prefix, index, "components"),
                        "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                        "The specified component exceeds the maximum width",
                    )
    seen: set[str] = set()
    for path, comp in walk_components(components, prefix):
        check_component(comp, errors, path)
        custom_id = comp.get("custom_id")
        if isinstance(custom_id, str):
            if custom_id in seen:
                errors.add(
                    (*path, "custom_id"),
                    "COMPONENT_CUSTOM_ID_DUPLICATED",
                    "Component custom id cannot be duplicated",
                )
            seen.add(custom_id)


def check_component(comp: JSON, errors: FormErrors, path: Path) -> None:
    """Limits of one button, select menu or text input."""
    kind = comp.get("type")
    if kind == 2:
        if comp.get("label") is not None:
            errors.max_length((*path, "label"), comp["label"], BUTTON_LABEL_MAX)
        if comp.get("style") not in (5, 6):
            errors.bad_length((*path, "custom_id"), comp.get("custom_id"), 1, CUSTOM_ID_MAX)
    elif kind in SELECT_TYPES:
        errors.bad_length((*path, "custom_id"), comp.get("custom_id"), 1, CUSTOM_ID_MAX)
        if comp.get("placeholder") is not None:
            errors.max_length((*path, "placeholder"), comp["placeholder"], SELECT_PLACEHOLDER_MAX)
        if kind == 3:
            options = comp.get("options") or []
            errors.bad_length((*path, "options"), options, 1, SELECT_OPTIONS_MAX)
            for o_index, option in enumerate(options):
                here = (*path, "options", o_index)
                errors.bad_length((*here, "label"), option.get("label"), 1, SELECT_OPTION_TEXT_MAX)
                errors.bad_length((*here, "value"), option.get("value"), 1, SELECT_OPTION_TEXT_MAX)
                if option.get("description") is not None:
                    errors.max_length((*here, "description"), option["description"], SELECT_OPTION_TEXT_MAX)
    elif kind == 4:
        errors.bad_length((*path, "custom_id"), comp.get("custom_id"), 1, CUSTOM_ID_MAX)
        if comp.get("label") is not None:
            errors.max_length((*path, "label"), comp["label"], TEXT_INPUT_LABEL_MAX)
        if comp.get("value") is not None:
            errors.max_length((*path, "value"), comp["value"], TEXT_INPUT_VALUE_MAX)
    elif kind == 18 and comp.get("label") is not None:
        errors.max_length((*path, "label"), comp["label"], TEXT_INPUT_LABEL_MAX)


def check_autocomplete(data: JSON, errors: FormErrors, prefix: Path = ("data",)) -> None:
    """At most 25 choices, names 1-100 characters, string values at most 100."""
    choices = data.get("choices")
    if not isinstance(choices, list):
        errors.add((*prefix, "choices"), "BASE_TYPE_REQUIRED", "This field is required")
        return
    errors.max_length((*prefix, "choices"), choices, CHOICES_MAX)
    for index, choice in enumerate(choices):
        here = (*prefix, "choices", index)
        errors.bad_length((*here, "name"), choice.get("name"), 1, CHOICE_NAME_MAX)
        value = choice.get("value")
        if isinstance(value, str):
            errors.max_length((*here, "value"), value, CHOICE_VALUE_MAX)


def check_modal(data: JSON, errors: FormErrors, prefix: Path = ("data",)) -> None:
    """Modal title 1-45, custom_id 1-100, 1-5 top-level components."""
    errors.bad_length((*prefix, "title"), data.get("title"), 1, MODAL_TITLE_MAX)
    errors.bad_length((*prefix, "custom_id"), data.get("custom_id"), 1, CUSTOM_ID_MAX)
    components = data.get("components")
    errors.bad_length((*prefix, "components"), components if isinstance(components, list) else None, 1, 5)
    if isinstance(components, list):
        for path, comp in walk_components(components, (*prefix, "components")):
            check_component(comp, errors, path)


def check_thread_name(body: JSON, errors: FormErrors) -> None:
    """Thread names are 1-100 characters."""
    name = body.get("name")
    errors.bad_length(("name",), name if isinstance(name, str) else None, 1, THREAD_NAME_MAX)


def check_commands(commands: list[Any], errors: FormErrors) -> None:
    """The command-registration limits a bot's tree is most likely to hit."""
    for index, command in enumerate(commands):
        if not isinstance(command, dict):
            continue
        errors.bad_length((index, "name"), command.get("name"), 1, COMMAND_NAME_MAX)
        if command.get("type", 1) == 1:
            errors.bad_length((index, "description"), command.get("description"), 1, COMMAND_DESCRIPTION_MAX)
        options = command.get("options") or []
        errors.max_length((index, "options"), options, COMMAND_OPTIONS_MAX)
        for o_index, option in enumerate(options):
            choices = option.get("choices") or []
            errors.max_length((index, "options", o_index, "choices"), choices, CHOICES_MAX)


def is_empty_message(body: JSON, file_count: int) -> bool:
    """Discord rejects a new message with nothing to show (code 50006)."""
    keys = ("content", "embeds", "components", "sticker_ids", "poll")
    return file_count == 0 and not any(body.get(k) for k in keys)
