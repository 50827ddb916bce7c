from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    PARSE_FAILURES,
    UNSET,
    Unset,
    array_items,
    field_error,
    not_an_object,
    wrong_type,
)

if TYPE_CHECKING:
    from ..models.model_permission import ModelPermission


T = TypeVar("T", bound="Model")


@_attrs_define
class Model:
    """A model the API offers.

    Attributes:
        id (str): Model identifier, used as `model` in other requests.
        object_ (Literal['model']):
        created (int): Unix time in seconds.
        owned_by (str): `openai`, `system` or the owning organization.
        permission (list[ModelPermission] | Unset):
        root (str | Unset): The base model this model derives from (itself for base models).
        parent (None | str | Unset): The model this one was fine-tuned from, if any.
    """

    id: str
    object_: Literal["model"]
    created: int
    owned_by: str
    permission: list[ModelPermission] | Unset = UNSET
    root: str | Unset = UNSET
    parent: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        created = self.created

        owned_by = self.owned_by

        permission: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.permission, Unset):
            permission = []
            for permission_item_data in self.permission:
                permission_item = permission_item_data.to_dict()
                permission.append(permission_item)

        root = self.root

        parent: None | str | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        else:
            parent = self.parent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created": created,
                "owned_by": owned_by,
            }
        )
        if permission is not UNSET:
            field_dict["permission"] = permission
        if root is not UNSET:
            field_dict["root"] = root
        if parent is not UNSET:
            field_dict["parent"] = parent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not _referenced_models_loaded:
            _load_referenced_models()
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            id = d.pop("id")
            if not isinstance(id, str):
                raise wrong_type("a string", id)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "id")

        try:
            object_ = cast("Literal['model']", d.pop("object"))
            if object_ != "model":
                raise ValueError(f"object must match const 'model', got '{object_}'")

        except PARSE_FAILURES as exc:
            raise field_error(exc, "object")

        try:
            created = d.pop("created")
            if not (isinstance(created, int) and not isinstance(created, bool)):
                raise wrong_type("an integer", created)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "created")

        try:
            owned_by = d.pop("owned_by")
            if not isinstance(owned_by, str):
                raise wrong_type("a string", owned_by)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "owned_by")

        try:
            _permission = d.pop("permission", UNSET)
            permission: list[ModelPermission] | Unset = UNSET
            if not isinstance(_permission, Unset):
                permission = []
                for permission_item_index, permission_item_data in enumerate(array_items(_permission)):
                    try:
                        permission_item = ModelPermission.from_dict(permission_item_data)

                    except PARSE_FAILURES as exc:
                        raise field_error(exc, permission_item_index)
                    permission.append(permission_item)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "permission")

        try:
            root = d.pop("root", UNSET)
            if not isinstance(root, Unset) and not isinstance(root, str):
                raise wrong_type("a string", root)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "root")

        try:

            def _parse_parent(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            parent = _parse_parent(d.pop("parent", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "parent")

        _instance = cls(
            id=id,
            object_=object_,
            created=created,
            owned_by=owned_by,
            permission=permission,
            root=root,
            parent=parent,
        )

        _instance.additional_properties = d
        return _instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

    @property
    def object(self) -> Literal["model"]:
        """`object_` under the field's own name, as the official SDK reads it."""
        return self.object_


# The models this one refers to are imported on its first parse, not with it: they may import this module in
# turn, and importing an operation would load every model its answer can reach. An import statement in
# from_dict() itself would run again on every call (a stream parses thousands of chunks), so they are bound
# to this module's globals once.
_referenced_models_loaded = False


def _load_referenced_models() -> None:
    global _referenced_models_loaded, ModelPermission
    from ..models.model_permission import ModelPermission  # noqa: PLC0415

    _referenced_models_loaded = True
