from enum import StrEnum


class ComplianceDocument(StrEnum):
    PRIVACY_POLICY = "privacy_policy"
    RISK_DISCLOSURE = "risk_disclosure"
    TERMS_OF_SERVICE = "terms_of_service"

    def __str__(self) -> str:
        return str(self.value)
