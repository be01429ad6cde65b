"""Swagger 2.0 documents reach the same IR as their OpenAPI 3 equivalents (spec/upgrade.py → ir/)."""

from __future__ import annotations

from typing import Any

import pytest

from zsdk_generator.ir.model import OAuthFlow, SecurityScheme, TypeRef

SWAGGER = """\
swagger: '2.0'
info: {title: Swagger Shop, version: '2.1'}
host: api.shop.example.com
basePath: /v2
schemes: [http, https]
consumes: [application/json]
produces: [application/json]
securityDefinitions:
  basicAuth: {type: basic, description: Staff login.}
  key: {type: apiKey, in: header, name: X-Shop-Key}
  oauth:
    type: oauth2
    flow: application
    tokenUrl: https://auth.shop.example.com/token
    scopes: {read: Read the shop, write: Change the shop}
security:
  - key: []
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      parameters:
        - {in: query, name: tags, type: array, items: {type: string}, collectionFormat: csv}
        - {in: query, name: ids, type: array, items: {type: integer}, collectionFormat: multi}
        - {in: query, name: limit, type: integer, format: int32, default: 20}
      responses:
        '200':
          description: ok
          schema: {type: array, items: {$ref: '#/definitions/Pet'}}
    post:
      operationId: createPet
      tags: [pets]
      parameters:
        - {in: body, name: body, required: true, schema: {$ref: '#/definitions/NewPet'}}
      responses:
        '201': {description: created, schema: {$ref: '#/definitions/Pet'}}
        '400': {description: bad, schema: {$ref: '#/definitions/Error'}}
  /pets/{petId}/photo:
    post:
      operationId: uploadPetPhoto
      tags: [pets]
      security: []
      consumes: [multipart/form-data]
      parameters:
        - {in: path, name: petId, required: true, type: integer, format: int64}
        - {in: formData, name: file, type: file, required: true, description: The photo.}
        - {in: formData, name: caption, type: string}
      responses:
        '204': {description: stored}
    get:
      operationId: downloadPetPhoto
      tags: [pets]
      produces: [image/jpeg]
      parameters:
        - {in: path, name: petId, required: true, type: integer, format: int64}
      responses:
        '200': {description: the photo, schema: {type: file}}
  /oauth/token:
    post:
      operationId: issueToken
      tags: [auth]
      consumes: [application/x-www-form-urlencoded]
      security:
        - basicAuth: []
      parameters:
        - {in: formData, name: grant_type, type: string, required: true}
        - {in: formData, name: scope, type: string}
      responses:
        '200': {description: ok, schema: {type: object, properties: {access_token: {type: string}}}}
definitions:
  NewPet:
    type: object
    required: [name]
    properties:
      name: {type: string}
      tag: {type: string, x-nullable: true}
  Pet:
    allOf:
      - $ref: '#/definitions/NewPet'
      - type: object
        required: [id]
        properties:
          id: {type: integer, format: int64}
  Error:
    type: object
    properties:
      message: {type: string}
"""


@pytest.fixture
def api(build: Any) -> Any:
    return build(SWAGGER)


def test_source_version_is_recorded(api):
    assert api.source_version == "2.0"
    assert (api.title, api.version) == ("Swagger Shop", "2.1")


def test_host_base_path_and_schemes_become_the_server_url(api):
    assert [s.url for s in api.servers] == ["https://api.shop.example.com/v2"]


def test_http_only_scheme_is_kept(build):
    text = SWAGGER.replace("schemes: [http, https]", "schemes: [http]").replace("basePath: /v2\n", "")
    assert [s.url for s in build(text).servers] == ["http://api.shop.example.com"]


def test_definitions_refs_become_models(api, model, field, op):
    assert {"NewPet", "Pet", "Error"} <= {m.name for m in api.models}
    pet = model(api, "Pet")
    assert pet.parents == ("NewPet",)
    assert [(f.name, f.required) for f in pet.fields] == [("name", True), ("tag", False), ("id", True)]
    assert field(pet, "id").type == TypeRef("integer", format="int64")
    assert op(api, "listPets").result_type == TypeRef("array", item=TypeRef("model", model="Pet"))


def test_x_nullable_is_nullable(api, model, field):
    tag = field(model(api, "NewPet"), "tag")
    assert tag.type == TypeRef("string", nullable=True) and not tag.required


def test_body_parameter_becomes_a_json_request_body(api, op):
    o = op(api, "createPet")
    assert o.body is not None
    assert (o.body.kind, o.body.media_type, o.body.required) == ("json", "application/json", True)
    assert o.body.type == TypeRef("model", model="NewPet")
    assert o.params == ()
    assert o.result_type == TypeRef("model", model="Pet")
    assert [e.status for e in o.errors] == ["400"] and o.errors[0].type == TypeRef("model", model="Error")


def test_form_data_with_a_file_becomes_multipart(api, op, model):
    o = op(api, "uploadPetPhoto")
    assert (o.body.kind, o.body.media_type) == ("multipart", "multipart/form-data")
    assert o.body.file_fields == ("file",)
    assert o.body.required
    request = model(api, o.body.type.model)
    assert {f.name: (f.type, f.required) for f in request.fields} == {
        "file": (TypeRef("string", format="binary"), True),
        "caption": (TypeRef("string"), False),
    }
    assert [(p.name, p.location, p.type) for p in o.params] == [("petId", "path", TypeRef("integer", format="int64"))]


def test_form_data_without_files_becomes_a_form_body(api, op):
    o = op(api, "issueToken")
    assert (o.body.kind, o.body.media_type, o.body.file_fields) == ("form", "application/x-www-form-urlencoded", ())


def test_file_response_is_binary(api, op):
    o = op(api, "downloadPetPhoto")
    assert (o.result.kind, o.result.media_type) == ("binary", "image/jpeg")
    assert o.result_type == TypeRef("string", format="binary")


def test_collection_formats_become_styles(api, op):
    got = {p.name: (p.encoding.style, p.encoding.explode, p.type) for p in op(api, "listPets").params}
    assert got["tags"] == ("form", False, TypeRef("array", item=TypeRef("string")))
    assert got["ids"] == ("form", True, TypeRef("array", item=TypeRef("integer")))
    limit = [p for p in op(api, "listPets").params if p.name == "limit"][0]
    assert limit.type == TypeRef("integer", format="int32") and limit.has_default and limit.default == 20


def test_security_definitions_become_schemes(api):
    assert api.security_schemes == (
        SecurityScheme("basicAuth", "basic", "Staff login.", scheme="basic"),
        SecurityScheme("key", "api_key", location="header", param_name="X-Shop-Key"),
        SecurityScheme(
            "oauth",
            "oauth2",
            flows=(
                OAuthFlow(
                    "client_credentials",
                    token_url="https://auth.shop.example.com/token",
                    scopes=(("read", "Read the shop"), ("write", "Change the shop")),
                ),
            ),
        ),
    )


def test_security_requirements_carry_over(api, op):
    assert api.security == (("key",),)
    assert op(api, "listPets").security == (("key",),)
    assert op(api, "issueToken").security == (("basicAuth",),)
    upload = op(api, "uploadPetPhoto")
    assert upload.public and upload.security == ()


def test_swagger_json_input(build):
    import yaml

    api = build(yaml.safe_load(SWAGGER), fmt="json")
    assert [s.url for s in api.servers] == ["https://api.shop.example.com/v2"]
    assert {o.id for o in api.all_operations()} == {
        "listPets",
        "createPet",
        "uploadPetPhoto",
        "downloadPetPhoto",
        "issueToken",
    }
