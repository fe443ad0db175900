"""jupyter_kernel_test's conformance suite (Debian's 0.4.5) with Java samples for every test it offers."""
import unittest

import jupyter_kernel_test

from kernel_support import KERNEL_NAME


class JavaAsyncKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "System.out.printl", "matches": {"println("}},
        {"text": '"abc".len', "matches": {"length()"}},
        {"text": "Lis", "matches": {"List", "ListIterator", "ListResourceBundle"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", 'System.out.println("hi");',
                             "void greet() { System.out.println(1); }"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int x = (1 +", "class A {"]
    invalid_code_samples = ["}", 'String s = "abc']

    code_page_something = "?String"

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "6 * 7", "result": "42"},
        {"code": "List.of(1, 2)", "result": "[1, 2]"},
    ]

    code_display_data = [
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": 'display(markdown("*hi*"));', "mime": "text/markdown"},
        {"code": 'display("<svg xmlns=\'http://www.w3.org/2000/svg\'/>", "image/svg+xml");', "mime": "image/svg+xml"},
    ]

    code_clear_output = "clearOutput();"

    code_history_pattern = "6?[*]?7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "String"


if __name__ == "__main__":
    unittest.main()
