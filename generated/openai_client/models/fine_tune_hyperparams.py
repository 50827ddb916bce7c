from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define
from attr import field as _attrs_field

from ..types import (
    PARSE_FAILURES,
    UNSET,
    Unset,
    field_error,
    not_an_object,
    wrong_type,
)

T = TypeVar("T", bound="FineTuneHyperparams")


@_attrs_define
class FineTuneHyperparams:
    """The hyperparameters the job runs with.

    Attributes:
        batch_size (int):
        learning_rate_multiplier (float):
        n_epochs (int):
        prompt_loss_weight (float):
        compute_classification_metrics (bool | Unset):
        classification_n_classes (int | Unset):
        classification_positive_class (str | Unset):
    """

    batch_size: int
    learning_rate_multiplier: float
    n_epochs: int
    prompt_loss_weight: float
    compute_classification_metrics: bool | Unset = UNSET
    classification_n_classes: int | Unset = UNSET
    classification_positive_class: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        batch_size = self.batch_size

        learning_rate_multiplier = self.learning_rate_multiplier

        n_epochs = self.n_epochs

        prompt_loss_weight = self.prompt_loss_weight

        compute_classification_metrics = self.compute_classification_metrics

        classification_n_classes = self.classification_n_classes

        classification_positive_class = self.classification_positive_class

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "batch_size": batch_size,
                "learning_rate_multiplier": learning_rate_multiplier,
                "n_epochs": n_epochs,
                "prompt_loss_weight": prompt_loss_weight,
            }
        )
        if compute_classification_metrics is not UNSET:
            field_dict["compute_classification_metrics"] = compute_classification_metrics
        if classification_n_classes is not UNSET:
            field_dict["classification_n_classes"] = classification_n_classes
        if classification_positive_class is not UNSET:
            field_dict["classification_positive_class"] = classification_positive_class

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            batch_size = d.pop("batch_size")
            if not (isinstance(batch_size, int) and not isinstance(batch_size, bool)):
                raise wrong_type("an integer", batch_size)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "batch_size")

        try:
            learning_rate_multiplier = d.pop("learning_rate_multiplier")
            if not (
                isinstance(learning_rate_multiplier, int | float) and not isinstance(learning_rate_multiplier, bool)
            ):
                raise wrong_type("a number", learning_rate_multiplier)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "learning_rate_multiplier")

        try:
            n_epochs = d.pop("n_epochs")
            if not (isinstance(n_epochs, int) and not isinstance(n_epochs, bool)):
                raise wrong_type("an integer", n_epochs)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "n_epochs")

        try:
            prompt_loss_weight = d.pop("prompt_loss_weight")
            if not (isinstance(prompt_loss_weight, int | float) and not isinstance(prompt_loss_weight, bool)):
                raise wrong_type("a number", prompt_loss_weight)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "prompt_loss_weight")

        try:
            compute_classification_metrics = d.pop("compute_classification_metrics", UNSET)
            if not isinstance(compute_classification_metrics, Unset) and not isinstance(
                compute_classification_metrics, bool
            ):
                raise wrong_type("a boolean", compute_classification_metrics)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "compute_classification_metrics")

        try:
            classification_n_classes = d.pop("classification_n_classes", UNSET)
            if not isinstance(classification_n_classes, Unset) and not (
                isinstance(classification_n_classes, int) and not isinstance(classification_n_classes, bool)
            ):
                raise wrong_type("an integer", classification_n_classes)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "classification_n_classes")

        try:
            classification_positive_class = d.pop("classification_positive_class", UNSET)
            if not isinstance(classification_positive_class, Unset) and not isinstance(
                classification_positive_class, str
            ):
                raise wrong_type("a string", classification_positive_class)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "classification_positive_class")

        _instance = cls(
            batch_size=batch_size,
            learning_rate_multiplier=learning_rate_multiplier,
            n_epochs=n_epochs,
            prompt_loss_weight=prompt_loss_weight,
            compute_classification_metrics=compute_classification_metrics,
            classification_n_classes=classification_n_classes,
            classification_positive_class=classification_positive_class,
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
