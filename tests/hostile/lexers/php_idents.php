<?php

declare(strict_types=1);

// Prints `file:line:name` for every identifier the PHP files given use (PHP's own tokenizer): names, variables
// (without `$`), and each segment of a qualified name.
$names = [T_STRING, T_VARIABLE, T_NAME_QUALIFIED, T_NAME_FULLY_QUALIFIED, T_NAME_RELATIVE];
foreach (array_slice($argv, 1) as $file) {
    foreach (token_get_all(file_get_contents($file), TOKEN_PARSE) as $token) {
        if (is_array($token) && in_array($token[0], $names, true)) {
            foreach (preg_split('/\\\\/', ltrim($token[1], '$\\')) as $name) {
                if ($name !== '' && $name !== 'namespace') {
                    echo $file, ':', $token[2], ':', $name, "\n";
                }
            }
        }
    }
}
