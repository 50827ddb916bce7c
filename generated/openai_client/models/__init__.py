"""Contains all the data models used in inputs/outputs"""

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
from .moderation_model import ModerationModel
from .moderation_result import ModerationResult
from .open_ai_file import OpenAIFile
from .transcription_segment import TranscriptionSegment

__all__ = (
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
    "ModerationModel",
    "ModerationResult",
    "OpenAIFile",
    "TranscriptionSegment",
)
