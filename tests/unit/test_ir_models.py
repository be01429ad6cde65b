"""Schemas → models and type references (ir/schemas.py)."""

from __future__ import annotations

from typing import Any

from zsdk_generator.ir.model import Discriminator, TypeRef


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(schema: Any) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def ok(schema: Any) -> dict[str, Any]:
    return {"200": {"description": "ok", **json_body(schema)}}


def names(api: Any) -> list[str]:
    return [m.name for m in api.models]


# ---------------------------------------------------------------------------------------------- names


def test_component_names_are_cleaned_to_pascal_case(build, doc):
    obj = {"type": "object", "properties": {"a": {"type": "string"}}}
    api = build(doc(schemas={"pet_record": obj, "order-item": obj, "v1.User": obj, "HTTPError": obj}))
    assert names(api) == ["PetRecord", "OrderItem", "V1User", "HttpError"]


def test_component_name_starting_with_a_digit_gets_a_prefix(build, doc):
    api = build(doc(schemas={"2fa_settings": {"type": "object", "properties": {"on": {"type": "boolean"}}}}))
    assert names(api) == ["Model2faSettings"]


def test_component_model_records_its_source_pointer(build, doc, model):
    api = build(doc(schemas={"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}}))
    assert model(api, "Pet").source == "/components/schemas/Pet"


def test_x_zsdk_name_renames_a_component_model(build, doc, op):
    schemas = {"pet_v2_resp": {"type": "object", "x-zsdk-name": "Pet", "properties": {"id": {"type": "string"}}}}
    paths = {"/pets/{id}": {"get": {"operationId": "getPet", "responses": ok(ref("pet_v2_resp"))}}}
    api = build(doc(paths, schemas, components={}))
    assert names(api) == ["Pet"]
    assert op(api, "getPet").result_type == TypeRef("model", model="Pet")


def test_inline_property_object_is_hoisted_as_model_plus_property(build, doc, model, field):
    owner = {"type": "object", "properties": {"name": {"type": "string"}}}
    api = build(doc(schemas={"Pet": {"type": "object", "properties": {"home_address": owner}}}))
    assert sorted(names(api)) == ["Pet", "PetHomeAddress"]
    assert field(model(api, "Pet"), "home_address").type == TypeRef("model", model="PetHomeAddress")
    assert model(api, "PetHomeAddress").source == "/components/schemas/Pet/properties/home_address"


def test_component_names_are_reserved_before_hoisted_names(build, doc, model, field):
    owner = {"type": "object", "properties": {"inline": {"type": "string"}}}
    schemas = {
        "Pet": {"type": "object", "properties": {"owner": owner}},
        "PetOwner": {"type": "object", "properties": {"component": {"type": "string"}}},
    }
    api = build(doc(schemas=schemas))
    assert [f.name for f in model(api, "PetOwner").fields] == ["component"]
    hoisted = field(model(api, "Pet"), "owner").type.model
    assert hoisted == "PetOwner2"
    assert [f.name for f in model(api, hoisted).fields] == ["inline"]


def test_inline_request_body_is_named_operation_id_request(build, doc, op, model):
    body = {"type": "object", "properties": {"name": {"type": "string"}}}
    paths = {
        "/pets": {
            "post": {"operationId": "createPet", "requestBody": json_body(body), "responses": ok({"type": "string"})}
        }
    }
    api = build(doc(paths))
    assert op(api, "createPet").body.type == TypeRef("model", model="CreatePetRequest")
    assert model(api, "CreatePetRequest").kind == "object"


def test_inline_response_is_named_operation_id_response(build, doc, op):
    body = {"type": "object", "properties": {"name": {"type": "string"}}}
    api = build(doc({"/pets/{id}": {"get": {"operationId": "getPet", "responses": ok(body)}}}))
    assert op(api, "getPet").result_type == TypeRef("model", model="GetPetResponse")


def test_inline_array_items_are_named_item(build, doc, op, model, field):
    item = {"type": "object", "properties": {"id": {"type": "string"}}}
    schemas = {"Pet": {"type": "object", "properties": {"tags": {"type": "array", "items": item}}}}
    paths = {"/pets": {"get": {"operationId": "listPets", "responses": ok({"type": "array", "items": item})}}}
    api = build(doc(paths, schemas))
    assert field(model(api, "Pet"), "tags").type == TypeRef("array", item=TypeRef("model", model="PetTagsItem"))
    assert op(api, "listPets").result_type == TypeRef("array", item=TypeRef("model", model="ListPetsResponseItem"))


def test_hoisted_names_are_stable_across_builds(build, doc):
    inline = {"type": "object", "properties": {"x": {"type": "string"}}}
    spec = doc(
        {"/box": {"post": {"operationId": "makeBox", "requestBody": json_body(inline), "responses": ok(inline)}}},
        {"Box": {"type": "object", "properties": {"lid": inline, "parts": {"type": "array", "items": inline}}}},
    )
    first, second = names(build(spec)), names(build(spec))
    assert first == second
    assert sorted(first) == ["Box", "BoxLid", "BoxPartsItem", "MakeBoxRequest", "MakeBoxResponse"]


def test_x_zsdk_name_on_inline_schema_names_the_hoisted_model(build, doc, model, field):
    inline = {"type": "object", "x-zsdk-name": "Location", "properties": {"lat": {"type": "number"}}}
    api = build(doc(schemas={"Shop": {"type": "object", "properties": {"where": inline}}}))
    assert field(model(api, "Shop"), "where").type == TypeRef("model", model="Location")


def test_x_zsdk_name_on_property_sets_identifier_and_keeps_wire_name(build, doc, model, field):
    api = build(
        doc(schemas={"Obj": {"type": "object", "properties": {"@type": {"type": "string", "x-zsdk-name": "kind"}}}})
    )
    f = field(model(api, "Obj"), "@type")
    assert f.name == "@type" and f.ident == "kind"


# ---------------------------------------------------------------------------------------------- objects and allOf


def test_object_fields_required_defaults_and_flags(build, doc, model, field):
    schemas = {
        "Pet": {
            "type": "object",
            "description": "A pet.",
            "required": ["id", "name"],
            "properties": {
                "id": {"type": "string", "readOnly": True},
                "name": {"type": "string", "description": "Its name."},
                "secret": {"type": "string", "writeOnly": True},
                "age": {"type": "integer", "default": 1, "deprecated": True},
            },
        }
    }
    api = build(doc(schemas=schemas))
    pet = model(api, "Pet")
    assert pet.kind == "object" and pet.description == "A pet."
    assert [f.name for f in pet.fields] == ["id", "name", "secret", "age"]
    assert [f.required for f in pet.fields] == [True, True, False, False]
    assert field(pet, "id").read_only and not field(pet, "id").write_only
    assert field(pet, "secret").write_only
    assert field(pet, "name").description == "Its name."
    age = field(pet, "age")
    assert age.has_default and age.default == 1 and age.deprecated
    assert not field(pet, "name").has_default


def test_additional_properties_object_is_a_map(build, doc, model, field):
    schemas = {
        "Labels": {
            "type": "object",
            "properties": {"x": {"type": "object", "additionalProperties": {"type": "integer"}}},
        },
        "Open": {
            "type": "object",
            "properties": {"id": {"type": "string"}},
            "additionalProperties": {"type": "string"},
        },
    }
    api = build(doc(schemas=schemas))
    assert field(model(api, "Labels"), "x").type == TypeRef("map", item=TypeRef("integer"))
    assert model(api, "Open").additional_properties == TypeRef("string")


def test_all_of_merges_fields_required_and_records_parents(build, doc, model, field):
    schemas = {
        "Base": {
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"type": "string"}, "note": {"type": "string"}},
        },
        "Stamped": {"type": "object", "properties": {"created": {"type": "string", "format": "date-time"}}},
        "Pet": {
            "allOf": [
                ref("Base"),
                ref("Stamped"),
                {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
            ],
            "required": ["created"],
        },
    }
    api = build(doc(schemas=schemas))
    pet = model(api, "Pet")
    assert pet.kind == "object"
    assert pet.parents == ("Base", "Stamped")
    assert [f.name for f in pet.fields] == ["id", "note", "created", "name"]
    assert {f.name for f in pet.fields if f.required} == {"id", "created", "name"}
    assert field(pet, "created").type == TypeRef("string", format="date-time")
    # the parents themselves are unchanged
    assert [f.name for f in model(api, "Base").fields] == ["id", "note"]


def test_all_of_with_a_single_ref_is_that_type(build, doc, model, field):
    schemas = {
        "Owner": {"type": "object", "properties": {"id": {"type": "string"}}},
        "Pet": {"type": "object", "properties": {"owner": {"allOf": [ref("Owner")], "description": "Who owns it."}}},
    }
    api = build(doc(schemas=schemas))
    owner = field(model(api, "Pet"), "owner")
    assert owner.type == TypeRef("model", model="Owner")
    assert owner.description == "Who owns it."


def test_cyclic_all_of_is_an_error_diagnostic(run_spec, doc):
    schemas = {
        "A": {"allOf": [ref("B"), {"type": "object", "properties": {"a": {"type": "string"}}}]},
        "B": {"allOf": [ref("A"), {"type": "object", "properties": {"b": {"type": "string"}}}]},
    }
    result = run_spec(doc(schemas=schemas))
    errors = [d for d in result.errors if "cyclic allOf" in d.message]
    assert errors, [d.format() for d in result.diagnostics]
    assert errors[0].pointer.startswith("/components/schemas/")
    assert errors[0].line > 0
    assert result.api is None


def test_self_all_of_is_an_error_diagnostic(run_spec, doc):
    result = run_spec(doc(schemas={"A": {"allOf": [ref("A")]}}))
    assert any(d.severity == "error" and "cyclic allOf" in d.message for d in result.diagnostics)
    assert result.api is None


def test_recursive_schemas_build(build, doc, model, field):
    schemas = {
        "TreeNode": {
            "type": "object",
            "properties": {
                "value": {"type": "string"},
                "parent": ref("TreeNode"),
                "children": {"type": "array", "items": ref("TreeNode")},
            },
        }
    }
    api = build(doc(schemas=schemas))
    node = model(api, "TreeNode")
    assert field(node, "parent").type == TypeRef("model", model="TreeNode")
    assert field(node, "children").type == TypeRef("array", item=TypeRef("model", model="TreeNode"))


def test_mutually_recursive_schemas_build(build, doc, model, field):
    schemas = {
        "Folder": {"type": "object", "properties": {"files": {"type": "array", "items": ref("File")}}},
        "File": {"type": "object", "properties": {"folder": ref("Folder")}},
    }
    api = build(doc(schemas=schemas))
    assert field(model(api, "File"), "folder").type == TypeRef("model", model="Folder")
    assert field(model(api, "Folder"), "files").type.item == TypeRef("model", model="File")


# ---------------------------------------------------------------------------------------------- unions


PET_UNION_SCHEMAS = {
    "Cat": {
        "type": "object",
        "required": ["pet_type"],
        "properties": {"pet_type": {"type": "string"}, "lives": {"type": "integer"}},
    },
    "Dog": {
        "type": "object",
        "required": ["pet_type"],
        "properties": {"pet_type": {"type": "string"}, "bark": {"type": "string"}},
    },
}


def test_one_of_with_discriminator_mapping_is_a_union(build, doc, model):
    schemas = {
        **PET_UNION_SCHEMAS,
        "Pet": {
            "oneOf": [ref("Cat"), ref("Dog")],
            "discriminator": {"propertyName": "pet_type", "mapping": {"cat": "#/components/schemas/Cat", "dog": "Dog"}},
        },
    }
    pet = model(build(doc(schemas=schemas)), "Pet")
    assert pet.kind == "union" and pet.union_mode == "oneOf"
    assert pet.variants == (TypeRef("model", model="Cat"), TypeRef("model", model="Dog"))
    assert pet.discriminator == Discriminator("pet_type", (("cat", "Cat"), ("dog", "Dog")))


def test_discriminator_mapping_values_name_models_not_refs(build, doc, model):
    schemas = {
        "cat_v2": PET_UNION_SCHEMAS["Cat"],
        "Pet": {
            "oneOf": [ref("cat_v2")],
            "discriminator": {"propertyName": "pet_type", "mapping": {"kitty": "#/components/schemas/cat_v2"}},
        },
        "Pets": {"oneOf": [ref("cat_v2"), {"type": "string"}]},
    }
    api = build(doc(schemas=schemas))
    assert model(api, "CatV2").kind == "object"


def test_implicit_discriminator_mapping_from_ref_names(build, doc, model):
    schemas = {
        **PET_UNION_SCHEMAS,
        "Pet": {"oneOf": [ref("Cat"), ref("Dog")], "discriminator": {"propertyName": "pet_type"}},
    }
    pet = model(build(doc(schemas=schemas)), "Pet")
    assert pet.discriminator == Discriminator("pet_type", (("Cat", "Cat"), ("Dog", "Dog")))


def test_partial_explicit_mapping_is_completed_from_ref_names(build, doc, model):
    schemas = {
        **PET_UNION_SCHEMAS,
        "Pet": {
            "oneOf": [ref("Cat"), ref("Dog")],
            "discriminator": {"propertyName": "pet_type", "mapping": {"cat": "Cat"}},
        },
    }
    pet = model(build(doc(schemas=schemas)), "Pet")
    assert pet.discriminator.mapping == (("cat", "Cat"), ("Dog", "Dog"))


def test_base_schema_with_discriminator_maps_to_its_all_of_children(build, doc, model):
    schemas = {
        "Animal": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"type": "string"}},
            "discriminator": {"propertyName": "kind"},
        },
        "Lion": {"allOf": [ref("Animal"), {"type": "object", "properties": {"mane": {"type": "boolean"}}}]},
        "Shark": {"allOf": [ref("Animal"), {"type": "object", "properties": {"fins": {"type": "integer"}}}]},
    }
    api = build(doc(schemas=schemas))
    animal = model(api, "Animal")
    assert animal.kind == "object"
    assert animal.discriminator == Discriminator("kind", (("Lion", "Lion"), ("Shark", "Shark")))
    assert model(api, "Lion").parents == ("Animal",)
    assert [f.name for f in model(api, "Lion").fields] == ["kind", "mane"]


def test_discriminator_mapping_to_nothing_is_a_warning(run_spec, doc, model):
    schemas = {
        **PET_UNION_SCHEMAS,
        "Pet": {
            "oneOf": [ref("Cat"), ref("Dog")],
            "discriminator": {"propertyName": "pet_type", "mapping": {"cat": "Cat", "bird": "Bird"}},
        },
    }
    result = run_spec(doc(schemas=schemas))
    assert result.api is not None and not result.errors
    assert any(d.severity == "warning" and "Bird" in d.message for d in result.diagnostics)
    assert model(result.api, "Pet").discriminator.mapping == (("cat", "Cat"), ("Dog", "Dog"))


def tagged(name: str, prop: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": [prop], "properties": {prop: {"type": "string", **value}}}


def test_discriminator_without_mapping_keys_variants_by_their_property_value(build, doc, model):
    # OpenAI's shape: `type: {type: string, enum: [custom]}`; a value is no schema name
    schemas = {
        "Tool": {"oneOf": [ref("CustomTool"), ref("WebTool"), ref("Other")], "discriminator": {"propertyName": "type"}},
        "CustomTool": tagged("CustomTool", "type", {"enum": ["custom"]}),
        "WebTool": tagged("WebTool", "type", {"const": "web_search"}),
        "Other": tagged("Other", "type", {"enum": ["a", "b"]}),  # every value it allows keys it
        "Plain": tagged("Plain", "type", {}),  # says nothing: the schema's name
    }
    schemas["Tool"]["oneOf"].append(ref("Plain"))
    tool = model(build(doc(schemas=schemas)), "Tool")
    assert tool.discriminator == Discriminator(
        "type",
        (("custom", "CustomTool"), ("web_search", "WebTool"), ("a", "Other"), ("b", "Other"), ("Plain", "Plain")),
    )


def test_discriminator_value_is_found_through_refs_and_all_of(build, doc, model):
    schemas = {
        "Event": {"oneOf": [ref("Created"), ref("Deleted")], "discriminator": {"propertyName": "kind"}},
        "CreatedKind": {"type": "string", "enum": ["event.created"]},
        "Created": {"type": "object", "properties": {"kind": ref("CreatedKind")}},
        "Base": {"type": "object", "properties": {"id": {"type": "string"}}},
        "Deleted": {"allOf": [ref("Base"), {"type": "object", "properties": {"kind": {"const": "event.deleted"}}}]},
    }
    event = model(build(doc(schemas=schemas)), "Event")
    assert event.discriminator.mapping == (("event.created", "Created"), ("event.deleted", "Deleted"))


def test_explicit_mapping_comes_first_and_a_value_keys_one_variant(build, doc, model):
    schemas = {
        "Pet": {
            "oneOf": [ref("Cat"), ref("Dog"), ref("Wolf")],
            "discriminator": {"propertyName": "pet_type", "mapping": {"kitty": "Cat"}},
        },
        "Cat": tagged("Cat", "pet_type", {"const": "cat"}),
        "Dog": tagged("Dog", "pet_type", {"const": "dog"}),
        "Wolf": tagged("Wolf", "pet_type", {"const": "dog"}),  # the value is taken: Dog keeps it
    }
    pet = model(build(doc(schemas=schemas)), "Pet")
    assert pet.discriminator.mapping == (("kitty", "Cat"), ("dog", "Dog"))


def test_inline_variant_is_keyed_by_its_value(build, doc, model):
    inline = {"type": "object", "title": "Fish", "properties": {"pet_type": {"const": "fish"}}}
    schemas = {
        **PET_UNION_SCHEMAS,
        "Pet": {"oneOf": [ref("Cat"), inline], "discriminator": {"propertyName": "pet_type"}},
    }
    pet = model(build(doc(schemas=schemas)), "Pet")
    assert pet.discriminator.mapping == (("Cat", "Cat"), ("fish", "PetFish"))


def test_base_schema_discriminator_keys_children_by_their_value(build, doc, model):
    schemas = {
        "Animal": {
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"type": "string"}},
            "discriminator": {"propertyName": "kind"},
        },
        "Lion": {"allOf": [ref("Animal"), {"type": "object", "properties": {"kind": {"enum": ["lion"]}}}]},
        "Shark": {"allOf": [ref("Animal"), {"type": "object", "properties": {"fins": {"type": "integer"}}}]},
    }
    animal = model(build(doc(schemas=schemas)), "Animal")
    assert animal.discriminator == Discriminator("kind", (("lion", "Lion"), ("Shark", "Shark")))


def test_any_of_is_a_union_in_any_of_mode(build, doc, model):
    schemas = {"Value": {"anyOf": [{"type": "string"}, {"type": "integer", "format": "int64"}]}}
    value = model(build(doc(schemas=schemas)), "Value")
    assert value.kind == "union" and value.union_mode == "anyOf"
    assert value.variants == (TypeRef("string"), TypeRef("integer", format="int64"))
    assert value.discriminator is None


def test_inline_union_variants_are_hoisted_with_titles(build, doc, model):
    schemas = {
        "Shape": {
            "oneOf": [
                {"title": "circle", "type": "object", "properties": {"r": {"type": "number"}}},
                {"type": "object", "properties": {"w": {"type": "number"}}},
            ]
        }
    }
    api = build(doc(schemas=schemas))
    assert model(api, "Shape").variants == (
        TypeRef("model", model="ShapeCircle"),
        TypeRef("model", model="ShapeOption2"),
    )


def test_type_list_is_a_union(build, doc, model):
    api = build(doc(schemas={"Id": {"type": ["string", "integer"]}}))
    assert model(api, "Id").kind == "union"
    assert model(api, "Id").variants == (TypeRef("string"), TypeRef("integer"))


def test_any_of_string_and_string_enum_is_an_open_enum(build, doc, model):
    schemas = {"ModelId": {"anyOf": [{"type": "string"}, {"type": "string", "enum": ["gpt-4o", "gpt-4o-mini"]}]}}
    m = model(build(doc(schemas=schemas)), "ModelId")
    assert m.kind == "enum" and m.enum_type == "string"
    assert m.values == ("gpt-4o", "gpt-4o-mini")
    assert m.open


# ---------------------------------------------------------------------------------------------- enums and literals


def test_string_enum_model(build, doc, model):
    m = model(build(doc(schemas={"Status": {"type": "string", "enum": ["available", "pending", "sold"]}})), "Status")
    assert m.kind == "enum" and m.enum_type == "string"
    assert m.values == ("available", "pending", "sold")


def test_integer_enum_model(build, doc, model):
    m = model(build(doc(schemas={"Level": {"type": "integer", "enum": [1, 2, 3]}})), "Level")
    assert m.kind == "enum" and m.enum_type == "integer" and m.values == (1, 2, 3)


def test_inline_enum_property_is_hoisted(build, doc, model, field):
    schemas = {"Pet": {"type": "object", "properties": {"status": {"type": "string", "enum": ["a", "b"]}}}}
    api = build(doc(schemas=schemas))
    assert field(model(api, "Pet"), "status").type == TypeRef("model", model="PetStatus")
    assert model(api, "PetStatus").values == ("a", "b")


def test_single_value_enum_is_a_literal(build, doc, model, field):
    schemas = {"Event": {"type": "object", "properties": {"object": {"type": "string", "enum": ["event"]}}}}
    api = build(doc(schemas=schemas))
    assert field(model(api, "Event"), "object").type == TypeRef("literal", value="event")
    assert names(api) == ["Event"]


def test_const_is_a_literal(build, doc, model, field):
    api = build(doc(schemas={"Event": {"type": "object", "properties": {"kind": {"const": "ping"}}}}))
    assert field(model(api, "Event"), "kind").type == TypeRef("literal", value="ping")


# ---------------------------------------------------------------------------------------------- nullable vs optional


def test_nullable_openapi_30(build, doc, model, field):
    schemas = {
        "Pet": {
            "type": "object",
            "required": ["nickname", "age"],
            "properties": {
                "nickname": {"type": "string", "nullable": True},
                "age": {"type": "integer"},
                "color": {"type": "string", "nullable": True},
                "weight": {"type": "number"},
            },
        }
    }
    pet = model(build(doc(schemas=schemas, version="3.0.3")), "Pet")
    got = {f.name: (f.required, f.type.nullable) for f in pet.fields}
    assert got == {"nickname": (True, True), "age": (True, False), "color": (False, True), "weight": (False, False)}
    assert field(pet, "nickname").type == TypeRef("string", nullable=True)


def test_nullable_openapi_31_type_list(build, doc, model, field):
    schemas = {"Pet": {"type": "object", "required": ["tag"], "properties": {"tag": {"type": ["string", "null"]}}}}
    tag = field(model(build(doc(schemas=schemas)), "Pet"), "tag")
    assert tag.required and tag.type == TypeRef("string", nullable=True)


def test_nullable_any_of_ref_and_null(build, doc, model, field):
    schemas = {
        "Owner": {"type": "object", "properties": {"id": {"type": "string"}}},
        "Pet": {"type": "object", "properties": {"owner": {"anyOf": [ref("Owner"), {"type": "null"}]}}},
    }
    api = build(doc(schemas=schemas))
    owner = field(model(api, "Pet"), "owner")
    assert not owner.required
    assert owner.type == TypeRef("model", model="Owner", nullable=True)
    assert not any(m.kind == "union" for m in api.models)


def test_nullable_all_of_ref_openapi_30(build, doc, model, field):
    schemas = {
        "Owner": {"type": "object", "properties": {"id": {"type": "string"}}},
        "Pet": {
            "type": "object",
            "required": ["owner"],
            "properties": {"owner": {"allOf": [ref("Owner")], "nullable": True}},
        },
        "Vet": {"type": "object", "properties": {"owner": {"allOf": [ref("Owner"), {"nullable": True}]}}},
    }
    api = build(doc(schemas=schemas, version="3.0.3"))
    pet_owner = field(model(api, "Pet"), "owner")
    assert pet_owner.required and pet_owner.type == TypeRef("model", model="Owner", nullable=True)
    vet_owner = field(model(api, "Vet"), "owner")
    assert not vet_owner.required and vet_owner.type == TypeRef("model", model="Owner", nullable=True)


def test_nullable_enum_is_nullable_and_drops_null_value(build, doc, model, field):
    schemas = {
        "Pet": {"type": "object", "properties": {"size": {"type": ["string", "null"], "enum": ["s", "m", None]}}}
    }
    api = build(doc(schemas=schemas))
    size = field(model(api, "Pet"), "size")
    assert size.type == TypeRef("model", model="PetSize", nullable=True)
    assert model(api, "PetSize").values == ("s", "m")


def test_nullable_component_makes_every_reference_nullable(build, doc, model, field):
    # OpenAI's `Response.error`: a required reference to `anyOf [object, null]`
    error = {"type": "object", "required": ["code"], "properties": {"code": {"type": "string"}}}
    schemas = {
        "ResponseError": {"anyOf": [error, {"type": "null"}]},
        "Response": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": ref("ResponseError"), "errors": {"type": "array", "items": ref("ResponseError")}},
        },
    }
    paths = {"/r": {"get": {"operationId": "getResponseError", "responses": ok(ref("ResponseError"))}}}
    api = build(doc(paths=paths, schemas=schemas))
    response_error = model(api, "ResponseError")
    assert response_error.kind == "object" and response_error.nullable
    assert [f.name for f in response_error.fields] == ["code"]
    response = model(api, "Response")
    nullable_ref = TypeRef("model", model="ResponseError", nullable=True)
    assert field(response, "error").required and field(response, "error").type == nullable_ref
    assert field(response, "errors").type == TypeRef("array", item=nullable_ref)
    assert api.all_operations()[0].result_type == nullable_ref


def test_nullable_alias_and_union_components(build, doc, model, field):
    schemas = {
        **PET_UNION_SCHEMAS,
        "MaybeCat": {"anyOf": [ref("Cat"), {"type": "null"}]},
        "AlsoMaybeCat": ref("MaybeCat"),  # a reference to a nullable schema admits null too
        "MaybePet": {"oneOf": [ref("Cat"), ref("Dog"), {"type": "null"}]},
        "Name": {"type": ["string", "null"]},
        "Owner": {
            "type": "object",
            "properties": {p: ref(p) for p in ("MaybeCat", "AlsoMaybeCat", "MaybePet", "Name", "Cat")},
        },
    }
    api = build(doc(schemas=schemas))
    assert model(api, "MaybeCat").kind == "alias" and model(api, "MaybeCat").target == TypeRef("model", model="Cat")
    assert model(api, "Name").target == TypeRef("string")
    assert model(api, "MaybePet").kind == "union" and model(api, "MaybePet").variants == (
        TypeRef("model", model="Cat"),
        TypeRef("model", model="Dog"),
    )
    owner = model(api, "Owner")
    for name in ("MaybeCat", "AlsoMaybeCat", "MaybePet", "Name"):
        assert model(api, name).nullable
        assert field(owner, name).type == TypeRef("model", model=name, nullable=True)
    assert not model(api, "Cat").nullable and field(owner, "Cat").type == TypeRef("model", model="Cat")


def test_non_nullable_required_and_optional_fields_are_not_nullable(build, doc, model):
    schemas = {"Pet": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": ref("Pet")}}}
    pet = model(build(doc(schemas=schemas)), "Pet")
    assert all(not f.type.nullable for f in pet.fields)


# ---------------------------------------------------------------------------------------------- primitives and formats


def test_formats_are_kept_on_type_refs(build, doc, model):
    props = {
        "id": {"type": "integer", "format": "int64"},
        "small": {"type": "integer", "format": "int32"},
        "ratio": {"type": "number", "format": "double"},
        "born": {"type": "string", "format": "date"},
        "at": {"type": "string", "format": "date-time"},
        "uid": {"type": "string", "format": "uuid"},
        "blob": {"type": "string", "format": "binary"},
        "b64": {"type": "string", "format": "byte"},
        "plain": {"type": "string"},
        "flag": {"type": "boolean"},
        "anything": {},
    }
    thing = model(build(doc(schemas={"Thing": {"type": "object", "properties": props}})), "Thing")
    got = {f.name: f.type for f in thing.fields}
    assert got == {
        "id": TypeRef("integer", format="int64"),
        "small": TypeRef("integer", format="int32"),
        "ratio": TypeRef("number", format="double"),
        "born": TypeRef("string", format="date"),
        "at": TypeRef("string", format="date-time"),
        "uid": TypeRef("string", format="uuid"),
        "blob": TypeRef("string", format="binary"),
        "b64": TypeRef("string", format="byte"),
        "plain": TypeRef("string"),
        "flag": TypeRef("boolean"),
        "anything": TypeRef("any"),
    }


def test_primitive_component_is_an_alias(build, doc, model):
    m = model(build(doc(schemas={"Timestamp": {"type": "string", "format": "date-time"}})), "Timestamp")
    assert m.kind == "alias" and m.target == TypeRef("string", format="date-time")


def test_array_component_is_an_alias_of_an_array(build, doc, model):
    schemas = {
        "Tag": {"type": "object", "properties": {"n": {"type": "string"}}},
        "Tags": {"type": "array", "items": ref("Tag")},
    }
    m = model(build(doc(schemas=schemas)), "Tags")
    assert m.kind == "alias" and m.target == TypeRef("array", item=TypeRef("model", model="Tag"))


def test_every_component_schema_becomes_a_model(build, doc):
    schemas = {
        "A": {"type": "object", "properties": {"x": {"type": "string"}}},
        "B": {"type": "string", "enum": ["x", "y"]},
        "C": {"oneOf": [ref("A"), {"type": "string"}]},
        "D": {"type": "string"},
        "E": {"type": "object"},
    }
    api = build(doc(schemas=schemas))
    assert {m.name: m.kind for m in api.models if m.name in schemas} == {
        "A": "object",
        "B": "enum",
        "C": "union",
        "D": "alias",
        "E": "object",
    }


def test_nullable_one_of_ref_and_null(build, doc, model, field):
    schemas = {
        "Owner": {"type": "object", "properties": {"id": {"type": "string"}}},
        "Pet": {
            "type": "object",
            "required": ["owner"],
            "properties": {"owner": {"oneOf": [{"type": "null"}, ref("Owner")]}},
        },
    }
    owner = field(model(build(doc(schemas=schemas)), "Pet"), "owner")
    assert owner.required and owner.type == TypeRef("model", model="Owner", nullable=True)


def test_nullable_inline_object_type_list(build, doc, model, field):
    inline = {"type": ["object", "null"], "properties": {"street": {"type": "string"}}}
    api = build(doc(schemas={"Person": {"type": "object", "properties": {"address": inline}}}))
    address = field(model(api, "Person"), "address")
    assert address.type == TypeRef("model", model="PersonAddress", nullable=True)
    assert model(api, "PersonAddress").kind == "object"


def test_inline_property_union_with_discriminator_is_hoisted(build, doc, model, field):
    schemas = {
        **PET_UNION_SCHEMAS,
        "Owner": {
            "type": "object",
            "properties": {"pet": {"oneOf": [ref("Cat"), ref("Dog")], "discriminator": {"propertyName": "pet_type"}}},
        },
    }
    api = build(doc(schemas=schemas))
    pet = field(model(api, "Owner"), "pet")
    assert pet.type == TypeRef("model", model="OwnerPet")
    union = model(api, "OwnerPet")
    assert union.kind == "union"
    assert union.discriminator == Discriminator("pet_type", (("Cat", "Cat"), ("Dog", "Dog")))


def test_recursive_union_builds(build, doc, model, field):
    schemas = {
        "Expr": {"oneOf": [ref("Num"), ref("Add")]},
        "Num": {"type": "object", "properties": {"value": {"type": "number"}}},
        "Add": {"type": "object", "properties": {"left": ref("Expr"), "right": ref("Expr")}},
    }
    api = build(doc(schemas=schemas))
    assert model(api, "Expr").variants == (TypeRef("model", model="Num"), TypeRef("model", model="Add"))
    assert field(model(api, "Add"), "left").type == TypeRef("model", model="Expr")


def test_inline_error_and_secondary_success_responses_are_named_by_status(build, doc, op):
    body = {"type": "object", "properties": {"m": {"type": "string"}}}
    responses = {
        "200": {"description": "ok", **json_body(body)},
        "202": {"description": "queued", **json_body({"type": "object", "properties": {"job": {"type": "string"}}})},
        "404": {"description": "missing", **json_body({"type": "object", "properties": {"error": {"type": "string"}}})},
    }
    o = op(build(doc({"/x": {"post": {"operationId": "make_thing", "responses": responses}}})), "make_thing")
    assert o.result_type == TypeRef("model", model="MakeThingResponse")
    assert o.responses[1].type == TypeRef("model", model="MakeThing202Response")
    assert o.errors[0].type == TypeRef("model", model="MakeThing404Error")
