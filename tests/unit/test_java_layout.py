"""google-java-format's breaks around very long class names (real specs name classes 80–150 characters long), one
rule each; every expected layout is what gjf 1.28.0 wrote for a real spec's SDK."""

from __future__ import annotations

from zsdk_generator.targets.java_layout import (
    Expr,
    annotation,
    assign,
    call,
    cast,
    chain,
    columns,
    concat,
    declaration,
    dotted,
    record_header,
    split_modifiers,
    type_header,
)

LONG = "CreateEvalResponsesRunDataSourceInputMessagesInputMessagesTemplateTemplateItemChatMessage"  # 89
LONGER = "CreateAssistantRequestToolResourcesFileSearchVectorStoresItemChunkingStrategyAutoChunkingStrategy"  # 97


def test_modifiers_are_split_from_the_rest_of_a_head() -> None:
    assert split_modifiers("public static final Pet RUNNING") == ("public static final", "Pet RUNNING")
    assert split_modifiers("Pet build") == ("", "Pet build")


def test_an_assignment_breaks_after_its_equals_sign() -> None:
    name = "failedPlaidNonOauthAuthenticationAttemptsCount30d"
    assert assign(4, f"this.{name}", f"builder.{name}") == [f"    this.{name} =", f"        builder.{name};"]


def test_a_cast_local_breaks_after_equals_then_after_the_cast_then_before_its_name() -> None:
    assert cast(4, "Pet that", "Pet", "other") == ["    Pet that = (Pet) other;"]
    name = "CodespacesListDevcontainersInRepositoryForAuthenticatedUserResponseDevcontainersItem"
    assert cast(4, f"{name} that", name, "other") == [f"    {name} that =", f"        ({name})", "            other;"]
    assert cast(4, f"{LONGER} that", LONGER, "other") == [
        f"    {LONGER}", "        that =", f"            ({LONGER})", "                other;"]  # fmt: skip


def test_a_long_method_head_puts_its_modifiers_on_their_own_line() -> None:
    name = "PostCustomersCustomerSubscriptionsSubscriptionExposedIdRequestTransferDataTransferDataSpecs"
    assert declaration(4, f"public {name} build", []) == ["    public", f"    {name}", "        build() {"]
    enum = "ListAllKubernetesClustersResponseKubernetesClustersItemNodePoolsItemNodesItemStatusState"
    assert declaration(2, f"public static {enum} of", ["String value"]) == [
        "  public static", f"  {enum} of(", "      String value) {"]  # fmt: skip


def test_a_long_constant_puts_its_modifiers_on_their_own_line() -> None:
    enum = "ListAllKubernetesClustersResponseKubernetesClustersItemNodePoolsItemTaintsItemEffect"
    assert call(2, f"public static final {enum} NO_SCHEDULE = ", f"new {enum}", ['"NoSchedule"', "Known.NO_SCHEDULE"]) == [
        "  public static final", f"  {enum} NO_SCHEDULE =", f"      new {enum}(",
        '          "NoSchedule", Known.NO_SCHEDULE);']  # fmt: skip


def test_a_qualified_name_fills_its_dots() -> None:
    item = "CreateEvalCompletionsRunDataSourceInputMessagesTemplateInputMessagesTemplateItem"
    assert dotted(8, f"{item}.Deserializer.class", ")") == [f"        {item}", "            .Deserializer.class)"]
    strategy = "CreateAssistantRequestToolResourcesFileSearchVectorStoresItemChunkingStrategy"
    assert dotted(8, f"{strategy}.Deserializer.class", ")") == [
        f"        {strategy}.Deserializer", "            .class)"]  # fmt: skip
    assert annotation("JsonDeserialize", "using", f"{item}.Deserializer.class") == [
        "@JsonDeserialize(", "    using =", f"        {item}", "            .Deserializer.class)"]  # fmt: skip


def test_a_builder_chain_breaks_before_every_dot_after_its_head() -> None:
    params = "IssueCustomFieldContextsGetCustomFieldContextsForProjectsAndIssueTypesParams"
    assert chain(8, f"{params}.builder().build()", ",") == [f"        {params}.builder()", "            .build(),"]
    longer = "TransactionalTemplatesVersionsPostTemplatesTemplateIdVersionsVersionIdActivateParams"
    assert chain(8, f"{longer}.builder().build()", ",") == [
        f"        {longer}", "            .builder()", "            .build(),"]  # fmt: skip


def test_a_concatenation_breaks_before_its_plus() -> None:
    name = "substitutePaymentsInLieuOfDividendsOrInterest"
    assert concat(8, f'"{name}=" + {name}', ");") == [f'        "{name}="', f"            + {name});"]
    assert call(4, "", "s.add", [f'"{name}=" + {name}'])[1:] == [f'        "{name}="', f"            + {name});"]


def test_a_long_argument_breaks_inside_itself() -> None:
    service = "ClassificationsOnFilesService"
    method = "getFilesIdMetadataEnterpriseSecurityClassification6VmVochwUWoCall"
    assert call(4, "", "Call.run", [Expr(f"{service}.{method}", ["fileId"]), "options"]) == [
        "    Call.run(", f"        {service}", f"            .{method}(fileId),", "        options);"]  # fmt: skip
    typ = "EnterpriseAdminRemoveAllCustomLabelsFromSelfHostedRunnerForEnterpriseResponse"
    assert call(4, "return ", "Call.json", ["r", f"new TypeReference<{typ}>() {{}}"])[2:] == [
        "        new TypeReference<", f"            {typ}>() {{}});"]  # fmt: skip
    known = "COM_ATLASSIAN_JIRA_CORE_PROJECT_TEMPLATES_JIRA_CORE_SIMPLIFIED_DOCUMENT_APPROVAL"
    lines = call(12, "", "new Template", [f'"{"x" * 70}"', f"Known.{known}"])
    assert lines[-2:] == ["                Known", f"                    .{known});"]


def test_nested_type_arguments_break_8_columns_in_then_4() -> None:
    page = f"Page<{LONG}>"
    assert declaration(4, f"public CompletableFuture<RawResponse<{page}>> list", ["String org"])[:4] == [
        "    public CompletableFuture<", "            RawResponse<", "                Page<",
        f"                    {LONG}>>>"]  # fmt: skip
    item = "PutMetadataTemplatesEnterpriseSecurityClassification6VmVochwUWoSchemaUpdateRequestItem"
    assert declaration(6, "putUpdate", [f"List<{item}> body"]) == [
        "      putUpdate(", "          List<", f"                  {item}>", "              body) {"]  # fmt: skip


def test_a_long_extends_or_permits_clause_breaks_inside_its_names() -> None:
    union = "IncomingWebhookUpdateForInteractionCallbackRequestPartialComponentsItem"
    assert type_header("final class Deserializer", "extends", [f"UntaggedUnion<{union}>"], 2) == [
        "  final class Deserializer", "      extends UntaggedUnion<", f"          {union}> {{"]  # fmt: skip
    outer = "PutRetentionPoliciesIdRequestDispositionAction"
    assert type_header(f"public sealed interface {outer}", "permits",
                       [f"{outer}.{outer}Option12", f"{outer}.StringValue"]) == [
        f"public sealed interface {outer}", f"    permits {outer}", f"            .{outer}Option12,",
        f"        {outer}.StringValue {{"]  # fmt: skip


def test_a_record_whose_component_breaks_puts_implements_on_its_own_line() -> None:
    parent = "CompositionWithOneOfAndComplexArrayDictionaryPropa"
    component = f"Map<String, List<{parent}Option2ValueItem>> value"
    assert record_header("MapValue", component, parent, " {") == [
        "  record MapValue(", "      @JsonValue", f"          Map<String, List<{parent}Option2ValueItem>>",
        "              value)", f"      implements {parent} {{"]  # fmt: skip


def test_widths_are_counted_as_java_counts_them() -> None:
    """google-java-format measures String.length(): UTF-16 code units, so an emoji takes two columns."""
    assert columns("ab") == 2
    assert columns("🎲") == 2
    assert columns("é") == 1


def test_a_declaration_whose_name_alone_overflows_keeps_it_on_one_line() -> None:
    """A name longer than the line (a fuzzed enum value) cannot be broken: gjf leaves it overflowing."""
    name = "V" * 120
    assert call(2, f"public static final Block {name} = ", "new Block", ['"x"']) == [
        "  public static final Block", f"      {name} =", '          new Block("x");']  # fmt: skip
