from luoshi.core.commands import ExcelImportCommand
from luoshi.indicators.excel import import_workbook


class Command(ExcelImportCommand):
    help = "从Excel填报模板导入目标和实绩:整份文件校验,有一处错误则全部不保存。"
    file_help = "填报模板格式的 .xlsx 文件"

    def import_file(self, user, upload, progress):
        return import_workbook(user, upload, progress=progress)

    def saved_message(self, result) -> str:
        return (f"已保存:新增目标{result.targets_created}条,修订目标{result.targets_revised}条;"
                f"新增实绩{result.actuals_created}条,修订实绩{result.actuals_revised}条"
                + (f";另有{result.unfilled}行未填写数值,未上传" if result.unfilled else ""))
