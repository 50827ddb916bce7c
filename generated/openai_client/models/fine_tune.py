from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..models.fine_tune_status import FineTuneStatus, check_fine_tune_status
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
    from ..models.fine_tune_event import FineTuneEvent
    from ..models.fine_tune_hyperparams import FineTuneHyperparams
    from ..models.open_ai_file import OpenAIFile


T = TypeVar("T", bound="FineTune")


@_attrs_define
class FineTune:
    """A fine-tune job.

    Attributes:
        id (str):
        object_ (Literal['fine-tune']):
        created_at (int): Unix time in seconds.
        updated_at (int): Unix time in seconds.
        model (str): The base model being fine-tuned.
        fine_tuned_model (None | str): Name of the resulting model; null until the job succeeds.
        organization_id (str):
        status (FineTuneStatus): State of a fine-tune job.
        hyperparams (FineTuneHyperparams): The hyperparameters the job runs with.
        training_files (list[OpenAIFile]):
        validation_files (list[OpenAIFile]):
        result_files (list[OpenAIFile]):
        events (list[FineTuneEvent] | Unset): The job's events; present on create, retrieve and cancel, absent in lists.
    """

    id: str
    object_: Literal["fine-tune"]
    created_at: int
    updated_at: int
    model: str
    fine_tuned_model: None | str
    organization_id: str
    status: FineTuneStatus
    hyperparams: FineTuneHyperparams
    training_files: list[OpenAIFile]
    validation_files: list[OpenAIFile]
    result_files: list[OpenAIFile]
    events: list[FineTuneEvent] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        created_at = self.created_at

        updated_at = self.updated_at

        model = self.model

        fine_tuned_model: None | str
        fine_tuned_model = self.fine_tuned_model

        organization_id = self.organization_id

        status: str = self.status

        hyperparams = self.hyperparams.to_dict()

        training_files: list[dict[str, Any]] = []
        for training_files_item_data in self.training_files:
            training_files_item = training_files_item_data.to_dict()
            training_files.append(training_files_item)

        validation_files: list[dict[str, Any]] = []
        for validation_files_item_data in self.validation_files:
            validation_files_item = validation_files_item_data.to_dict()
            validation_files.append(validation_files_item)

        result_files: list[dict[str, Any]] = []
        for result_files_item_data in self.result_files:
            result_files_item = result_files_item_data.to_dict()
            result_files.append(result_files_item)

        events: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.to_dict()
                events.append(events_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created_at": created_at,
                "updated_at": updated_at,
                "model": model,
                "fine_tuned_model": fine_tuned_model,
                "organization_id": organization_id,
                "status": status,
                "hyperparams": hyperparams,
                "training_files": training_files,
                "validation_files": validation_files,
                "result_files": result_files,
            }
        )
        if events is not UNSET:
            field_dict["events"] = events

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
            object_ = cast("Literal['fine-tune']", d.pop("object"))
            if object_ != "fine-tune":
                raise ValueError(f"object must match const 'fine-tune', got '{object_}'")

        except PARSE_FAILURES as exc:
            raise field_error(exc, "object")

        try:
            created_at = d.pop("created_at")
            if not (isinstance(created_at, int) and not isinstance(created_at, bool)):
                raise wrong_type("an integer", created_at)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "created_at")

        try:
            updated_at = d.pop("updated_at")
            if not (isinstance(updated_at, int) and not isinstance(updated_at, bool)):
                raise wrong_type("an integer", updated_at)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "updated_at")

        try:
            model = d.pop("model")
            if not isinstance(model, str):
                raise wrong_type("a string", model)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "model")

        try:

            def _parse_fine_tuned_model(data: object) -> None | str:
                if data is None:
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            fine_tuned_model = _parse_fine_tuned_model(d.pop("fine_tuned_model"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "fine_tuned_model")

        try:
            organization_id = d.pop("organization_id")
            if not isinstance(organization_id, str):
                raise wrong_type("a string", organization_id)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "organization_id")

        try:
            status = check_fine_tune_status(d.pop("status"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "status")

        try:
            hyperparams = FineTuneHyperparams.from_dict(d.pop("hyperparams"))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "hyperparams")

        try:
            _training_files = array_items(d.pop("training_files"))
            training_files: list[OpenAIFile] = []
            for training_files_item_index, training_files_item_data in enumerate(_training_files):
                try:
                    training_files_item = OpenAIFile.from_dict(training_files_item_data)

                except PARSE_FAILURES as exc:
                    raise field_error(exc, training_files_item_index)
                training_files.append(training_files_item)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "training_files")

        try:
            _validation_files = array_items(d.pop("validation_files"))
            validation_files: list[OpenAIFile] = []
            for validation_files_item_index, validation_files_item_data in enumerate(_validation_files):
                try:
                    validation_files_item = OpenAIFile.from_dict(validation_files_item_data)

                except PARSE_FAILURES as exc:
                    raise field_error(exc, validation_files_item_index)
                validation_files.append(validation_files_item)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "validation_files")

        try:
            _result_files = array_items(d.pop("result_files"))
            result_files: list[OpenAIFile] = []
            for result_files_item_index, result_files_item_data in enumerate(_result_files):
                try:
                    result_files_item = OpenAIFile.from_dict(result_files_item_data)

                except PARSE_FAILURES as exc:
                    raise field_error(exc, result_files_item_index)
                result_files.append(result_files_item)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "result_files")

        try:
            _events = d.pop("events", UNSET)
            events: list[FineTuneEvent] | Unset = UNSET
            if not isinstance(_events, Unset):
                events = []
                for events_item_index, events_item_data in enumerate(array_items(_events)):
                    try:
                        events_item = FineTuneEvent.from_dict(events_item_data)

                    except PARSE_FAILURES as exc:
                        raise field_error(exc, events_item_index)
                    events.append(events_item)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "events")

        _instance = cls(
            id=id,
            object_=object_,
            created_at=created_at,
            updated_at=updated_at,
            model=model,
            fine_tuned_model=fine_tuned_model,
            organization_id=organization_id,
            status=status,
            hyperparams=hyperparams,
            training_files=training_files,
            validation_files=validation_files,
            result_files=result_files,
            events=events,
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
    def object(self) -> Literal["fine-tune"]:
        """`object_` under the field's own name, as the official SDK reads it."""
        return self.object_


# The models this one refers to are imported on its first parse, not with it: they may import this module in
# turn, and importing an operation would load every model its answer can reach. An import statement in
# from_dict() itself would run again on every call (a stream parses thousands of chunks), so they are bound
# to this module's globals once.
_referenced_models_loaded = False


def _load_referenced_models() -> None:
    global _referenced_models_loaded, FineTuneEvent, FineTuneHyperparams, OpenAIFile
    from ..models.fine_tune_event import FineTuneEvent  # noqa: PLC0415
    from ..models.fine_tune_hyperparams import FineTuneHyperparams  # noqa: PLC0415
    from ..models.open_ai_file import OpenAIFile  # noqa: PLC0415

    _referenced_models_loaded = True
