<?php

declare(strict_types=1);

namespace Zsdk\Runtime;

/**
 * Decodes server-sent event lines into events (the WHATWG rules: data lines joined, comments skipped, the id
 * kept across events).
 *
 * @internal
 */
final class SseDecoder
{
    private string $event = '';
    /** @var list<string> */
    private array $data = [];
    private string $id = '';
    private ?int $retry = null;

    /**
     * Takes one line (without its line ending).
     *
     * @param string $line the line ('' ends an event)
     * @return ServerSentEvent|null the event the line ended, if any
     */
    public function decode(string $line): ?ServerSentEvent
    {
        if ($line === '') {
            $out = $this->data === []
                ? null
                : new ServerSentEvent(implode("\n", $this->data), $this->event, $this->id, $this->retry);
            $this->event = '';
            $this->data = [];
            $this->retry = null;
            return $out;
        }
        if (str_starts_with($line, ':')) {
            return null;
        }
        $colon = strpos($line, ':');
        $name = $colon === false ? $line : substr($line, 0, $colon);
        $value = $colon === false ? '' : substr($line, $colon + 1);
        if (str_starts_with($value, ' ')) {
            $value = substr($value, 1);
        }
        switch ($name) {
            case 'data':
                $this->data[] = $value;
                break;
            case 'event':
                $this->event = $value;
                break;
            case 'id':
                if (!str_contains($value, "\0")) {
                    $this->id = $value;
                }
                break;
            case 'retry':
                if (preg_match('/^\d{1,18}$/', $value) === 1) {
                    $this->retry = (int) $value;
                }
                break;
        }
        return null;
    }
}
