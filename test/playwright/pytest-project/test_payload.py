from playwright.sync_api import expect


def send(page, text):
    page.get_by_label("Message").fill(text)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text(f"You said '{text}'")).to_be_visible()


def test_chat_within_budget(page, mesop_payload, chat_url):
    page.goto(chat_url)
    send(page, "Hello from pytest")
    assert len(mesop_payload.events()) == 3


def test_chat_over_budget(page, mesop_payload, chat_url):
    page.goto(chat_url)
    for text in ["first message", "second message", "third message"]:
        send(page, text)


def test_handler_that_raises(page, mesop_payload, error_url):
    page.goto(error_url)
    page.get_by_role("button", name="Explode").click()
    page.wait_for_timeout(500)


def test_fails_by_itself(page, mesop_payload, error_url):
    # Over the server-errors budget too: only the test's own failure is reported, not a second one.
    page.goto(error_url)
    page.get_by_role("button", name="Explode").click()
    assert False, "the test's own failure"
