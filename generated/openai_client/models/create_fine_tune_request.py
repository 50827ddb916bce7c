from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attr import define as _attrs_define

from ..types import (
    PARSE_FAILURES,
    UNSET,
    ParseError,
    Unset,
    array_items,
    field_error,
    not_an_object,
    strict_enums,
    wrong_type,
)

T = TypeVar("T", bound="CreateFineTuneRequest")


@_attrs_define
class CreateFineTuneRequest:
    """
    Attributes:
        training_file (str): ID of an uploaded JSON Lines file with purpose `fine-tune`.
        validation_file (None | str | Unset): ID of an uploaded file with validation data, reported on in the results
            file.
        model (None | str | Unset): Base model to fine-tune (ada, babbage, curie, davinci) or a fine-tuned model to
            continue. Default: 'curie'.
        n_epochs (int | None | Unset): Number of full passes over the training data. Default: 4.
        batch_size (int | None | Unset): Examples per training step; null picks about 0.2% of the training set, capped
            at 256.
        learning_rate_multiplier (float | None | Unset): Factor on the pretraining learning rate; null picks 0.05, 0.1
            or 0.2 by batch size.
        prompt_loss_weight (float | None | Unset): Weight of the loss on prompt tokens relative to completion tokens.
            Default: 0.01.
        compute_classification_metrics (bool | None | Unset): Report classification metrics on the validation set after
            each epoch. Default: False.
        classification_n_classes (int | None | Unset): Number of classes of a multiclass classification task.
        classification_positive_class (None | str | Unset): The positive class of a binary classification task.
        classification_betas (list[float] | None | Unset): Beta values for which to compute F-beta scores of a binary
            classification task.
        suffix (None | str | Unset): Up to 40 letters, digits, `-` or `_` added to the fine-tuned model's name.
    """

    training_file: str
    validation_file: None | str | Unset = UNSET
    model: None | str | Unset = UNSET
    n_epochs: int | None | Unset = UNSET
    batch_size: int | None | Unset = UNSET
    learning_rate_multiplier: float | None | Unset = UNSET
    prompt_loss_weight: float | None | Unset = UNSET
    compute_classification_metrics: bool | None | Unset = UNSET
    classification_n_classes: int | None | Unset = UNSET
    classification_positive_class: None | str | Unset = UNSET
    classification_betas: list[float] | None | Unset = UNSET
    suffix: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        training_file = self.training_file

        validation_file: None | str | Unset
        if isinstance(self.validation_file, Unset):
            validation_file = UNSET
        else:
            validation_file = self.validation_file

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        n_epochs: int | None | Unset
        if isinstance(self.n_epochs, Unset):
            n_epochs = UNSET
        else:
            n_epochs = self.n_epochs

        batch_size: int | None | Unset
        if isinstance(self.batch_size, Unset):
            batch_size = UNSET
        else:
            batch_size = self.batch_size

        learning_rate_multiplier: float | None | Unset
        if isinstance(self.learning_rate_multiplier, Unset):
            learning_rate_multiplier = UNSET
        else:
            learning_rate_multiplier = self.learning_rate_multiplier

        prompt_loss_weight: float | None | Unset
        if isinstance(self.prompt_loss_weight, Unset):
            prompt_loss_weight = UNSET
        else:
            prompt_loss_weight = self.prompt_loss_weight

        compute_classification_metrics: bool | None | Unset
        if isinstance(self.compute_classification_metrics, Unset):
            compute_classification_metrics = UNSET
        else:
            compute_classification_metrics = self.compute_classification_metrics

        classification_n_classes: int | None | Unset
        if isinstance(self.classification_n_classes, Unset):
            classification_n_classes = UNSET
        else:
            classification_n_classes = self.classification_n_classes

        classification_positive_class: None | str | Unset
        if isinstance(self.classification_positive_class, Unset):
            classification_positive_class = UNSET
        else:
            classification_positive_class = self.classification_positive_class

        classification_betas: list[float] | None | Unset
        if isinstance(self.classification_betas, Unset):
            classification_betas = UNSET
        elif isinstance(self.classification_betas, list):
            classification_betas = self.classification_betas

        else:
            classification_betas = self.classification_betas

        suffix: None | str | Unset
        if isinstance(self.suffix, Unset):
            suffix = UNSET
        else:
            suffix = self.suffix

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "training_file": training_file,
            }
        )
        if validation_file is not UNSET:
            field_dict["validation_file"] = validation_file
        if model is not UNSET:
            field_dict["model"] = model
        if n_epochs is not UNSET:
            field_dict["n_epochs"] = n_epochs
        if batch_size is not UNSET:
            field_dict["batch_size"] = batch_size
        if learning_rate_multiplier is not UNSET:
            field_dict["learning_rate_multiplier"] = learning_rate_multiplier
        if prompt_loss_weight is not UNSET:
            field_dict["prompt_loss_weight"] = prompt_loss_weight
        if compute_classification_metrics is not UNSET:
            field_dict["compute_classification_metrics"] = compute_classification_metrics
        if classification_n_classes is not UNSET:
            field_dict["classification_n_classes"] = classification_n_classes
        if classification_positive_class is not UNSET:
            field_dict["classification_positive_class"] = classification_positive_class
        if classification_betas is not UNSET:
            field_dict["classification_betas"] = classification_betas
        if suffix is not UNSET:
            field_dict["suffix"] = suffix

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Refuses (types.ParseError) keys the schema does not list and enum values the spec does not list."""
        with strict_enums():
            return cls._from_closed_dict(src_dict)

    @classmethod
    def _from_closed_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            training_file = d.pop("training_file")
            if not isinstance(training_file, str):
                raise wrong_type("a string", training_file)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "training_file")

        try:

            def _parse_validation_file(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            validation_file = _parse_validation_file(d.pop("validation_file", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "validation_file")

        try:

            def _parse_model(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            model = _parse_model(d.pop("model", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "model")

        try:

            def _parse_n_epochs(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int) and not isinstance(data, bool):
                    return data
                raise wrong_type("an integer or null", data)

            n_epochs = _parse_n_epochs(d.pop("n_epochs", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "n_epochs")

        try:

            def _parse_batch_size(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int) and not isinstance(data, bool):
                    return data
                raise wrong_type("an integer or null", data)

            batch_size = _parse_batch_size(d.pop("batch_size", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "batch_size")

        try:

            def _parse_learning_rate_multiplier(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int | float) and not isinstance(data, bool):
                    return data
                raise wrong_type("a number or null", data)

            learning_rate_multiplier = _parse_learning_rate_multiplier(d.pop("learning_rate_multiplier", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "learning_rate_multiplier")

        try:

            def _parse_prompt_loss_weight(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int | float) and not isinstance(data, bool):
                    return data
                raise wrong_type("a number or null", data)

            prompt_loss_weight = _parse_prompt_loss_weight(d.pop("prompt_loss_weight", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "prompt_loss_weight")

        try:

            def _parse_compute_classification_metrics(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    return data
                raise wrong_type("a boolean or null", data)

            compute_classification_metrics = _parse_compute_classification_metrics(
                d.pop("compute_classification_metrics", UNSET)
            )

        except PARSE_FAILURES as exc:
            raise field_error(exc, "compute_classification_metrics")

        try:

            def _parse_classification_n_classes(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int) and not isinstance(data, bool):
                    return data
                raise wrong_type("an integer or null", data)

            classification_n_classes = _parse_classification_n_classes(d.pop("classification_n_classes", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "classification_n_classes")

        try:

            def _parse_classification_positive_class(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            classification_positive_class = _parse_classification_positive_class(
                d.pop("classification_positive_class", UNSET)
            )

        except PARSE_FAILURES as exc:
            raise field_error(exc, "classification_positive_class")

        try:

            def _parse_classification_betas(data: object) -> list[float] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if not isinstance(data, list):
                    raise wrong_type("an array or null", data)
                classification_betas_type_0 = cast(list[float], array_items(cast(Any, data)))

                return classification_betas_type_0

            classification_betas = _parse_classification_betas(d.pop("classification_betas", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "classification_betas")

        try:

            def _parse_suffix(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            suffix = _parse_suffix(d.pop("suffix", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "suffix")

        if d:
            raise ParseError("unknown field", [next(iter(d))])
        _instance = cls(
            training_file=training_file,
            validation_file=validation_file,
            model=model,
            n_epochs=n_epochs,
            batch_size=batch_size,
            learning_rate_multiplier=learning_rate_multiplier,
            prompt_loss_weight=prompt_loss_weight,
            compute_classification_metrics=compute_classification_metrics,
            classification_n_classes=classification_n_classes,
            classification_positive_class=classification_positive_class,
            classification_betas=classification_betas,
            suffix=suffix,
        )

        return _instance
