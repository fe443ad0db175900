"""Every display carries text/plain, so that jupyter console and text exports show something: html, markdown, json
and svg displays, display(data, mimeType), a bundle built by hand, and a cell whose value is such a bundle."""
import json
import unittest

from kernel_support import KernelTestCase, execute


def shown(outputs):
    return [m["content"]["data"] for m in outputs if m["msg_type"] in ("display_data", "execute_result",
                                                                       "update_display_data")
            and not (m["content"].get("transient") or {}).get("display_id", "").startswith("bg-")]


class DisplayText(KernelTestCase):

    def show(self, code):
        reply, outputs = execute(self.kc, code)
        self.assertEqual(reply["status"], "ok", reply)
        data = shown(outputs)
        self.assertEqual(len(data), 1, data)
        return data[0]

    def test_html_shows_its_text(self):
        data = self.show('display(html("<h2>Report</h2><p>3 pages &amp; <b>1</b> error</p><ul><li>a</li><li>b</li>'
                         '</ul><script>x()</script>"));')
        self.assertIn("<h2>Report</h2>", data["text/html"])
        self.assertEqual(data["text/plain"], "Report\n\n3 pages & 1 error\n\n- a\n- b")

    def test_markdown_shows_its_source(self):
        data = self.show('display(markdown("# Title\\n\\n*emphasis*"));')
        self.assertEqual(data["text/plain"], "# Title\n\n*emphasis*")

    def test_json_shows_itself_indented(self):
        data = self.show('display(json(Map.of("pages", List.of(1, 2))));')
        self.assertEqual(data["application/json"], {"pages": [1, 2]})
        self.assertEqual(json.loads(data["text/plain"]), {"pages": [1, 2]})
        self.assertIn("\n", data["text/plain"])

    def test_svg_names_the_image(self):
        data = self.show('display(svg("<svg xmlns=\\"http://www.w3.org/2000/svg\\" width=\\"200\\" height=\\"100\\">'
                         '<title>Requests</title><rect width=\\"10\\" height=\\"10\\"/></svg>"));')
        self.assertEqual(data["text/plain"], "<SVG image 200x100: Requests>")

    def test_data_with_a_mime_type_and_a_hand_made_bundle_get_text_too(self):
        self.assertEqual(self.show('display("<i>quietly</i>", "text/html");')["text/plain"], "quietly")
        data = self.show('display(new MimeBundle(Map.of("text/markdown", "**bold**"), Map.of()));'
                         .replace("MimeBundle", "org.javaasync.kernel.display.MimeBundle"))
        self.assertEqual(data["text/plain"], "**bold**")

    def test_a_cell_whose_value_is_a_bundle_shows_its_text(self):
        data = self.show('html("<p>result</p>")')
        self.assertEqual(data["text/plain"], "result")


if __name__ == "__main__":
    unittest.main()
