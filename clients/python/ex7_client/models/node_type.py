from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.node_type_category import NodeTypeCategory

if TYPE_CHECKING:
    from ..models.node_port import NodePort
    from ..models.node_type_params_schema import NodeTypeParamsSchema


T = TypeVar("T", bound="NodeType")


@_attrs_define
class NodeType:
    """
    Attributes:
        type_ (str): The value of a graph node's `type`. Example: sma.
        category (NodeTypeCategory):
        label (str): Short display name.
        description (str):
        inputs (list[NodePort]):
        outputs (list[NodePort]):
        params_schema (NodeTypeParamsSchema): A JSON Schema object describing the node's `params`.
    """

    type_: str
    category: NodeTypeCategory
    label: str
    description: str
    inputs: list[NodePort]
    outputs: list[NodePort]
    params_schema: NodeTypeParamsSchema
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        category = self.category.value

        label = self.label

        description = self.description

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item = inputs_item_data.to_dict()
            inputs.append(inputs_item)

        outputs = []
        for outputs_item_data in self.outputs:
            outputs_item = outputs_item_data.to_dict()
            outputs.append(outputs_item)

        params_schema = self.params_schema.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "category": category,
                "label": label,
                "description": description,
                "inputs": inputs,
                "outputs": outputs,
                "params_schema": params_schema,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.node_port import NodePort  # noqa: PLC0415
        from ..models.node_type_params_schema import NodeTypeParamsSchema  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        category = NodeTypeCategory(d.pop("category"))

        label = d.pop("label")

        description = d.pop("description")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:
            inputs_item = NodePort.from_dict(inputs_item_data)

            inputs.append(inputs_item)

        outputs = []
        _outputs = d.pop("outputs")
        for outputs_item_data in _outputs:
            outputs_item = NodePort.from_dict(outputs_item_data)

            outputs.append(outputs_item)

        params_schema = NodeTypeParamsSchema.from_dict(d.pop("params_schema"))

        node_type = cls(
            type_=type_,
            category=category,
            label=label,
            description=description,
            inputs=inputs,
            outputs=outputs,
            params_schema=params_schema,
        )

        node_type.additional_properties = d
        return node_type

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
