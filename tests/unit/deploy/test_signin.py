"""The cause of a failed sign-in, from what azure-identity's credential chain reports."""

from azure.core.exceptions import ClientAuthenticationError

from armgen.deploy.signin import HOW, sign_in_error

HEAD = "DefaultAzureCredential failed to retrieve a token from the included credentials.\nAttempted credentials:\n"
TAIL = "\nTo mitigate this issue, please refer to the troubleshooting guidelines here at https://aka.ms/x."
UNAVAILABLE = ["\tEnvironmentCredential: EnvironmentCredential authentication unavailable. Environment variables "
               "are not fully configured.\nVisit https://aka.ms/y to troubleshoot this issue.",
               "\tManagedIdentityCredential: ManagedIdentityCredential authentication unavailable.",
               "\tAzureCliCredential: Azure CLI not found on path"]


def chain(*lines: str) -> ClientAuthenticationError:
    return ClientAuthenticationError(message=HEAD + "\n".join(lines) + TAIL)


def test_the_credential_that_stopped_the_chain_is_the_cause() -> None:
    failed = "\tWorkloadIdentityCredential: Authentication failed: AADSTS700211: No matching federated identity record"
    assert sign_in_error(chain(UNAVAILABLE[0], failed), chain_length=3) == (
        "cannot sign in to Azure (WorkloadIdentityCredential: Authentication failed: AADSTS700211: No matching "
        f"federated identity record): {HOW}")


def test_a_chain_tried_to_its_end_had_nothing_configured() -> None:
    assert sign_in_error(chain(*UNAVAILABLE), chain_length=3) == (
        f"cannot sign in to Azure (no sign-in is configured: 3 kinds of credential tried): {HOW}")


def test_a_single_credential_says_why_and_other_errors_give_their_first_line() -> None:
    assert sign_in_error(chain(UNAVAILABLE[2])) == f"cannot sign in to Azure (AzureCliCredential: Azure CLI not " \
                                                   f"found on path): {HOW}"
    assert sign_in_error(ClientAuthenticationError(message="token expired\nmore")) == \
        f"cannot sign in to Azure (token expired): {HOW}"
