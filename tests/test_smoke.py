def test_statement_renders_with_its_list(client, site_pages):
    from .factories import SignatoryFactory

    SignatoryFactory(name="Casa Latina", state="WA")
    response = client.get("/")
    assert response.status_code == 200
    assert "Casa Latina" in response.content.decode()
