"""Attachments are judged by their content and size, stored under a random name, and given only to users
who may see the appeal."""
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from luoshi.appeals import selectors, services
from luoshi.appeals.models import AppealAttachment, State
from luoshi.core.workflow import Refused

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("name,data,kind", [
    ("许可申请.pdf", PDF, "application/pdf"),
    ("现场.png", PNG, "image/png"),
    ("说明.docx", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_pdf_images_and_office_files_are_accepted_by_content(world, file, name, data, kind):
    appeal = file(attachments=[SimpleUploadedFile(name, data)])
    attachment = appeal.attachments.get()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (name, kind, len(data))
    assert name not in attachment.file.name and attachment.file.read() == data


@pytest.mark.parametrize("name,data", [
    ("病毒.pdf", b"MZ\x90\x00 executable"),
    ("文本.png", "只是文字".encode()),
    ("压缩包.docx", b"PK\x03\x04not really a zip"),
])
def test_files_that_are_not_what_they_claim_are_refused_and_nothing_is_saved(world, file, name, data):
    with pytest.raises(Refused) as refused:
        file(attachments=[SimpleUploadedFile(name, data)])
    assert refused.value.reasons == [f"文件“{name}”不是PDF、JPG、PNG、Word、Excel文件"]
    assert not AppealAttachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(settings, world, file):
    settings.LUOSHI = {**settings.LUOSHI, "MAX_UPLOAD_MB": 1}
    big = SimpleUploadedFile("大.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(Refused) as refused:
        file(attachments=[big])
    assert refused.value.reasons == ["文件“大.pdf”超过1MB上限"]


def test_attachment_is_given_only_to_users_who_may_see_the_appeal(world, more, appeal_in):
    appeal = appeal_in(State.ASSIGNED)
    attachment = services.add_attachment(world.users.a_unit, appeal, SimpleUploadedFile("回执.pdf", PDF))
    for user in (world.users.a_enterprise, world.users.a_unit, world.users.a_data):
        assert selectors.attachment_for_user(user, attachment.pk) == attachment
    for user in (more.b_enterprise, more.a_unit2_staff, world.users.b_data):
        with pytest.raises(AppealAttachment.DoesNotExist):
            selectors.attachment_for_user(user, attachment.pk)
    with pytest.raises(PermissionDenied, match="无权为该诉求上传附件"):
        services.add_attachment(more.b_enterprise, appeal, SimpleUploadedFile("x.pdf", PDF))
