from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
        d = dict(src_dict)
        batch_size = d.pop("batch_size")

        learning_rate_multiplier = d.pop("learning_rate_multiplier")

        n_epochs = d.pop("n_epochs")

        prompt_loss_weight = d.pop("prompt_loss_weight")

        compute_classification_metrics = d.pop("compute_classification_metrics", UNSET)

        classification_n_classes = d.pop("classification_n_classes", UNSET)

        classification_positive_class = d.pop("classification_positive_class", UNSET)

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
