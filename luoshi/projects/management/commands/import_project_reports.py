from luoshi.core.commands import ExcelImportCommand
from luoshi.projects.excel import import_reports


class Command(ExcelImportCommand):
    help = "从Excel导入重点项目月度进度(与页面上传相同的模板和校验):整份文件校验,有一处错误则全部不保存。"
    file_help = "月报模板格式的 .xlsx 文件"

    def import_file(self, user, upload, progress):
        return import_reports(user, upload, progress=progress)

    def saved_message(self, result) -> str:
        return f"已保存:新增月报{result.created}条,修订月报{result.revised}条"
