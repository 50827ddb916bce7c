"""Contains all the data models used in inputs/outputs"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .audio_language import AudioLanguage
    from .audio_response_format import AudioResponseFormat
    from .chat_completion_choice import ChatCompletionChoice
    from .chat_completion_chunk import ChatCompletionChunk
    from .chat_completion_chunk_choice import ChatCompletionChunkChoice
    from .chat_completion_delta import ChatCompletionDelta
    from .chat_completion_request_message import ChatCompletionRequestMessage
    from .chat_completion_response_message import ChatCompletionResponseMessage
    from .chat_completion_role import ChatCompletionRole
    from .chat_completion_stream_event import ChatCompletionStreamEvent
    from .completion_choice import CompletionChoice
    from .completion_chunk import CompletionChunk
    from .completion_logprobs import CompletionLogprobs
    from .completion_stream_event import CompletionStreamEvent
    from .completion_top_logprobs import CompletionTopLogprobs
    from .completion_usage import CompletionUsage
    from .create_chat_completion_request import CreateChatCompletionRequest
    from .create_chat_completion_response import CreateChatCompletionResponse
    from .create_completion_request import CreateCompletionRequest
    from .create_completion_response import CreateCompletionResponse
    from .create_edit_request import CreateEditRequest
    from .create_edit_response import CreateEditResponse
    from .create_embedding_request import CreateEmbeddingRequest
    from .create_embedding_response import CreateEmbeddingResponse
    from .create_file_request import CreateFileRequest
    from .create_fine_tune_request import CreateFineTuneRequest
    from .create_image_edit_request import CreateImageEditRequest
    from .create_image_request import CreateImageRequest
    from .create_image_variation_request import CreateImageVariationRequest
    from .create_moderation_request import CreateModerationRequest
    from .create_moderation_response import CreateModerationResponse
    from .create_transcription_request import CreateTranscriptionRequest
    from .create_transcription_response import CreateTranscriptionResponse
    from .create_translation_request import CreateTranslationRequest
    from .create_translation_response import CreateTranslationResponse
    from .delete_file_response import DeleteFileResponse
    from .delete_model_response import DeleteModelResponse
    from .edit_choice import EditChoice
    from .embedding import Embedding
    from .embedding_encoding_format import EmbeddingEncodingFormat
    from .embedding_usage import EmbeddingUsage
    from .engine import Engine
    from .error import Error
    from .error_response import ErrorResponse
    from .file_purpose import FilePurpose
    from .fine_tune import FineTune
    from .fine_tune_event import FineTuneEvent
    from .fine_tune_event_stream_event import FineTuneEventStreamEvent
    from .fine_tune_hyperparams import FineTuneHyperparams
    from .fine_tune_status import FineTuneStatus
    from .finish_reason import FinishReason
    from .image import Image
    from .image_response_format import ImageResponseFormat
    from .image_size import ImageSize
    from .images_response import ImagesResponse
    from .list_engines_response import ListEnginesResponse
    from .list_files_response import ListFilesResponse
    from .list_fine_tune_events_response import ListFineTuneEventsResponse
    from .list_fine_tunes_response import ListFineTunesResponse
    from .list_models_response import ListModelsResponse
    from .logit_bias import LogitBias
    from .model import Model
    from .model_permission import ModelPermission
    from .moderation_categories import ModerationCategories
    from .moderation_category_scores import ModerationCategoryScores
    from .moderation_result import ModerationResult
    from .open_ai_file import OpenAIFile
    from .stream_done import StreamDone
    from .transcription_segment import TranscriptionSegment

__all__ = (
    "AudioLanguage",
    "AudioResponseFormat",
    "ChatCompletionChoice",
    "ChatCompletionChunk",
    "ChatCompletionChunkChoice",
    "ChatCompletionDelta",
    "ChatCompletionRequestMessage",
    "ChatCompletionResponseMessage",
    "ChatCompletionRole",
    "ChatCompletionStreamEvent",
    "CompletionChoice",
    "CompletionChunk",
    "CompletionLogprobs",
    "CompletionStreamEvent",
    "CompletionTopLogprobs",
    "CompletionUsage",
    "CreateChatCompletionRequest",
    "CreateChatCompletionResponse",
    "CreateCompletionRequest",
    "CreateCompletionResponse",
    "CreateEditRequest",
    "CreateEditResponse",
    "CreateEmbeddingRequest",
    "CreateEmbeddingResponse",
    "CreateFileRequest",
    "CreateFineTuneRequest",
    "CreateImageEditRequest",
    "CreateImageRequest",
    "CreateImageVariationRequest",
    "CreateModerationRequest",
    "CreateModerationResponse",
    "CreateTranscriptionRequest",
    "CreateTranscriptionResponse",
    "CreateTranslationRequest",
    "CreateTranslationResponse",
    "DeleteFileResponse",
    "DeleteModelResponse",
    "EditChoice",
    "Embedding",
    "EmbeddingEncodingFormat",
    "EmbeddingUsage",
    "Engine",
    "Error",
    "ErrorResponse",
    "FilePurpose",
    "FineTune",
    "FineTuneEvent",
    "FineTuneEventStreamEvent",
    "FineTuneHyperparams",
    "FineTuneStatus",
    "FinishReason",
    "Image",
    "ImageResponseFormat",
    "ImageSize",
    "ImagesResponse",
    "ListEnginesResponse",
    "ListFilesResponse",
    "ListFineTuneEventsResponse",
    "ListFineTunesResponse",
    "ListModelsResponse",
    "LogitBias",
    "Model",
    "ModelPermission",
    "ModerationCategories",
    "ModerationCategoryScores",
    "ModerationResult",
    "OpenAIFile",
    "StreamDone",
    "TranscriptionSegment",
)

# Exported name -> module defining it ("from .module import Name" lines split apart).
_MODULES: dict[str, str] = {
    "AudioLanguage": ".audio_language",
    "AudioResponseFormat": ".audio_response_format",
    "ChatCompletionChoice": ".chat_completion_choice",
    "ChatCompletionChunk": ".chat_completion_chunk",
    "ChatCompletionChunkChoice": ".chat_completion_chunk_choice",
    "ChatCompletionDelta": ".chat_completion_delta",
    "ChatCompletionRequestMessage": ".chat_completion_request_message",
    "ChatCompletionResponseMessage": ".chat_completion_response_message",
    "ChatCompletionRole": ".chat_completion_role",
    "ChatCompletionStreamEvent": ".chat_completion_stream_event",
    "CompletionChoice": ".completion_choice",
    "CompletionChunk": ".completion_chunk",
    "CompletionLogprobs": ".completion_logprobs",
    "CompletionStreamEvent": ".completion_stream_event",
    "CompletionTopLogprobs": ".completion_top_logprobs",
    "CompletionUsage": ".completion_usage",
    "CreateChatCompletionRequest": ".create_chat_completion_request",
    "CreateChatCompletionResponse": ".create_chat_completion_response",
    "CreateCompletionRequest": ".create_completion_request",
    "CreateCompletionResponse": ".create_completion_response",
    "CreateEditRequest": ".create_edit_request",
    "CreateEditResponse": ".create_edit_response",
    "CreateEmbeddingRequest": ".create_embedding_request",
    "CreateEmbeddingResponse": ".create_embedding_response",
    "CreateFileRequest": ".create_file_request",
    "CreateFineTuneRequest": ".create_fine_tune_request",
    "CreateImageEditRequest": ".create_image_edit_request",
    "CreateImageRequest": ".create_image_request",
    "CreateImageVariationRequest": ".create_image_variation_request",
    "CreateModerationRequest": ".create_moderation_request",
    "CreateModerationResponse": ".create_moderation_response",
    "CreateTranscriptionRequest": ".create_transcription_request",
    "CreateTranscriptionResponse": ".create_transcription_response",
    "CreateTranslationRequest": ".create_translation_request",
    "CreateTranslationResponse": ".create_translation_response",
    "DeleteFileResponse": ".delete_file_response",
    "DeleteModelResponse": ".delete_model_response",
    "EditChoice": ".edit_choice",
    "Embedding": ".embedding",
    "EmbeddingEncodingFormat": ".embedding_encoding_format",
    "EmbeddingUsage": ".embedding_usage",
    "Engine": ".engine",
    "Error": ".error",
    "ErrorResponse": ".error_response",
    "FilePurpose": ".file_purpose",
    "FineTune": ".fine_tune",
    "FineTuneEvent": ".fine_tune_event",
    "FineTuneEventStreamEvent": ".fine_tune_event_stream_event",
    "FineTuneHyperparams": ".fine_tune_hyperparams",
    "FineTuneStatus": ".fine_tune_status",
    "FinishReason": ".finish_reason",
    "Image": ".image",
    "ImageResponseFormat": ".image_response_format",
    "ImageSize": ".image_size",
    "ImagesResponse": ".images_response",
    "ListEnginesResponse": ".list_engines_response",
    "ListFilesResponse": ".list_files_response",
    "ListFineTuneEventsResponse": ".list_fine_tune_events_response",
    "ListFineTunesResponse": ".list_fine_tunes_response",
    "ListModelsResponse": ".list_models_response",
    "LogitBias": ".logit_bias",
    "Model": ".model",
    "ModelPermission": ".model_permission",
    "ModerationCategories": ".moderation_categories",
    "ModerationCategoryScores": ".moderation_category_scores",
    "ModerationResult": ".moderation_result",
    "OpenAIFile": ".open_ai_file",
    "StreamDone": ".stream_done",
    "TranscriptionSegment": ".transcription_segment",
}


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name not in _MODULES:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(_MODULES[name], __name__), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
