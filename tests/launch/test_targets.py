"""Checks on hosts, ports and user names, and names made safe for files and titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from jitdesk.launch.targets import (
    ConnectTarget,
    UnsafeValue,
    safe_file_stem,
    safe_title,
    validate_host,
    validate_port,
    validate_username,
)


@pytest.mark.parametrize(
    ("host", "kept"),
    [
        ("203.0.113.10", "203.0.113.10"),
        ("127.0.0.5", "127.0.0.5"),
        ("2001:DB8::1", "2001:db8::1"),
        ("::1", "::1"),
        ("vm-web-01.westeurope.cloudapp.azure.com", "vm-web-01.westeurope.cloudapp.azure.com"),
        ("localhost", "localhost"),
        ("host.example.", "host.example."),
    ],
)
def test_good_hosts_are_kept(host, kept):
    assert validate_host(host) == kept


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("-o ProxyCommand=x", "space"),
        ("-oProxyCommand=x", "starts with '-'"),
        ("a;b", "';'"),
        ("host\nfull address:s:evil", "line break"),
        ("host\x00", "control"),
        ("", "empty"),
        ("host name", "space"),
        ("host_name", "neither an IP address nor a DNS name"),
        ("a..b", "neither an IP address nor a DNS name"),
        ("-host.example", "starts with '-'"),
        ("host-.example", "neither"),
        ("999.1.1.1", "looks like an IPv4 address"),
        ("fe80::1%eth0", "zone index"),
        ("[::1]", "neither"),
        ('h"x', "quote"),
        ("x" * 254, "longer than 253"),
        (3389, "not text"),
    ],
)
def test_bad_hosts_are_refused_naming_field_and_reason(host, reason):
    with pytest.raises(UnsafeValue, match="host address") as caught:
        validate_host(host)

    assert reason in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert reason in caught.value.text.render()


@pytest.mark.parametrize("port", [1, 22, 3389, 65535])
def test_good_ports(port):
    assert validate_port(port) == port


@pytest.mark.parametrize(
    ("port", "reason"),
    [
        (0, "between 1 and 65535"),
        (65536, "between"),
        (-22, "between"),
        ("22", "whole number"),
        (True, "whole number"),
        (22.0, "whole number"),
    ],
)
def test_bad_ports(port, reason):
    with pytest.raises(UnsafeValue, match="The port cannot be used") as caught:
        validate_port(port)

    assert reason in str(caught.value)


@pytest.mark.parametrize(
    "name",
    [
        "azureuser",
        "alice.smith",
        "CONTOSO\\alice",
        "alice@contoso.com",
        "AzureAD\\alice@contoso.com",
        "svc_backup-01",
        "a" * 104,
    ],
)
def test_good_user_names(name):
    assert validate_username(name) == name


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("x; rm -rf ~", "space"),
        ("x;rm", "';'"),
        ("-oProxyCommand=evil", "starts with '-'"),
        ("a\nb", "line break"),
        ("a\r\nalternate shell:s:evil", "line break"),
        ("a\tb", "control"),
        ("admin\u202egpj", "control"),
        ("a\u200bb", "control"),
        ("o'brien", "quote"),
        ('a"b', "quote"),
        ("a`id`", "quote"),
        ("$(id)", "'$'"),
        ("a/b", "'/'"),
        ("a=b", "'='"),
        ("jürgen", "'ü'"),
        ("a@b@c", "form"),
        ("A\\B\\c", "form"),
        ("alice@contoso.com\\x", "form"),
        ("\\alice", "form"),
        ("alice@", "form"),
        ("CONTOSO\\", "form"),
        ("", "empty"),
        ("a" * 105, "longer than 104"),
        (None, "not text"),
    ],
)
def test_bad_user_names_are_refused_naming_field_and_reason(name, reason):
    with pytest.raises(UnsafeValue, match="The user name cannot be used") as caught:
        validate_username(name)

    assert reason in str(caught.value)


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("vm-web-01", "vm-web-01"),
        ("..", "vm"),
        ("", "vm"),
        ("C:\\Windows\\system32", "C_Windows_system32"),
        ("con", "vm_con"),
        ("NUL.txt", "vm_NUL.txt"),
        ("a\nb;c d", "a_b_c_d"),
        ("-rf", "rf"),
        ("x" * 100, "x" * 64),
    ],
)
def test_file_stems_are_one_harmless_path_component(name, stem, tmp_path):
    made = safe_file_stem(name)

    assert made == stem
    assert (tmp_path / made).parent == tmp_path
    assert Path(made).name == made


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("vm-web-01", "vm-web-01"),
        ('vm; new-tab cmd "x"', "vm new-tab cmd x"),
        ("--help", "help"),
        ("a\nb\tc", "a b c"),
        (";;;", "jitdesk"),
        ("vm\u202etxt.exe", "vm txt.exe"),
    ],
)
def test_titles_carry_no_separator_quote_or_option(name, title):
    assert safe_title(name) == title


def test_a_target_checks_its_values_and_knows_its_address():
    target = ConnectTarget("2001:DB8::1", 3389, None, "vm", "rdp")

    assert target.host == "2001:db8::1"
    assert target.address == "[2001:db8::1]:3389"
    assert ConnectTarget("10.0.0.4", 22, "azureuser", "vm", "ssh").address == "10.0.0.4:22"
    with pytest.raises(UnsafeValue, match="user name"):
        ConnectTarget("10.0.0.4", 22, "-oProxyCommand=evil", "vm", "ssh")
    with pytest.raises(UnsafeValue, match="host address"):
        ConnectTarget("-o ProxyCommand=x", 22, None, "vm", "ssh")
    with pytest.raises(UnsafeValue, match="port"):
        ConnectTarget("10.0.0.4", 0, None, "vm", "ssh")
    with pytest.raises(ValueError, match="protocol"):
        ConnectTarget("10.0.0.4", 22, None, "vm", "telnet")  # type: ignore[arg-type]
