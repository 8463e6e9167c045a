"""Who calls: tokens scope subscriptions by tenant; tenants tell home from guest."""

from __future__ import annotations

from arm_testkit import (
    ARM,
    COMPUTE,
    JIT,
    SUB_CORP,
    SUB_DEV,
    SUB_PLANT,
    SUB_PROD,
    TENANT_CONTOSO,
    TENANT_FABRIKAM,
    USER,
    USER_GUEST_OID,
    ArmClient,
    make_token,
)

from jitdesk.emulator import Emulator

CORP_POLICIES = (
    f"/subscriptions/{SUB_CORP}/providers/Microsoft.Security/jitNetworkAccessPolicies?{JIT}"
)


def _subscription_ids(arm: ArmClient, token: str | None = None) -> list[str]:
    kwargs = {} if token is None else {"token": token}
    return [s["subscriptionId"] for s in arm.items(f"/subscriptions?{ARM}", **kwargs)]


def test_subscriptions_follow_the_tenant_of_the_token(arm: ArmClient) -> None:
    contoso = make_token(tid=TENANT_CONTOSO, upn=USER, oid="o", name="Alex Morgan")
    fabrikam = make_token(tid=TENANT_FABRIKAM, upn=USER, oid="o", name="Alex Morgan")
    elsewhere = make_token(tid="99999999-9999-4999-8999-999999999999", upn=USER)

    assert _subscription_ids(arm, contoso) == [SUB_PROD, SUB_DEV]
    assert _subscription_ids(arm, fabrikam) == [SUB_PLANT, SUB_CORP]
    assert _subscription_ids(arm, elsewhere) == []
    assert _subscription_ids(arm) == [SUB_PROD, SUB_DEV, SUB_PLANT, SUB_CORP]


def test_tenants_list_both_and_show_which_is_home(arm: ArmClient, emulator: Emulator) -> None:
    tenants = arm.items(f"/tenants?{ARM}", token=make_token(tid=TENANT_FABRIKAM, upn=USER))

    assert [t["tenantId"] for t in tenants] == [TENANT_CONTOSO, TENANT_FABRIKAM]
    assert emulator.home_tenant_id == TENANT_CONTOSO
    user_domain = emulator.user.upn.split("@")[1]
    home = [t["tenantId"] for t in tenants if user_domain in t["domains"]]
    assert home == [TENANT_CONTOSO]
    assert {t["displayName"] for t in tenants} == {"Contoso", "Fabrikam"}


def test_subscription_calls_need_a_token_of_its_tenant(arm: ArmClient) -> None:
    contoso = make_token(tid=TENANT_CONTOSO, upn=USER)
    target = f"/subscriptions/{SUB_PLANT}/providers/Microsoft.Compute/virtualMachines?{COMPUTE}"

    wrong = arm.get(target, token=contoso)
    right = arm.get(target, token=make_token(tid=TENANT_FABRIKAM, upn=USER))
    opaque = arm.get(target)

    assert wrong.status == 401
    assert wrong.error_code == "InvalidAuthenticationTokenTenant"
    assert TENANT_FABRIKAM in wrong.body["error"]["message"]
    assert right.status == opaque.status == 200


def test_the_denial_message_names_the_caller_and_their_object_id(arm: ArmClient) -> None:
    from_token = arm.get(
        CORP_POLICIES, token=make_token(tid=TENANT_FABRIKAM, upn=USER, oid="0b0e-guest")
    )
    opaque = arm.get(CORP_POLICIES)

    assert from_token.status == opaque.status == 403
    assert "with object id '0b0e-guest'" in from_token.body["error"]["message"]
    assert (
        f"The client '{USER}' with object id '{USER_GUEST_OID}'" in opaque.body["error"]["message"]
    )


def test_other_people_are_not_affected_by_the_users_denials(arm: ArmClient) -> None:
    colleague = make_token(tid=TENANT_FABRIKAM, upn="it-admin@fabrikam.example", oid="x")

    answer = arm.get(CORP_POLICIES, token=colleague)

    assert answer.status == 200
    assert answer.body["value"][0]["properties"]["requests"][0]["requestor"] == (
        "it-admin@fabrikam.example"
    )
    assert arm.get(CORP_POLICIES, token="not.a-jwt").status == 403


def test_the_well_known_identity_names_the_demo_user(arm: ArmClient, emulator: Emulator) -> None:
    answer = arm.get("/.well-known/jitdesk-emulator", token=None)

    assert answer.status == 200
    assert answer.body["user"] == USER
    assert answer.body["homeTenantId"] == emulator.home_tenant_id == TENANT_CONTOSO
    assert answer.body["displayName"] == emulator.user.name
    assert answer.body["objectId"] == emulator.user.object_id
    assert [(t["tenantId"], t["home"]) for t in answer.body["tenants"]] == [
        (TENANT_CONTOSO, True),
        (TENANT_FABRIKAM, False),
    ]
