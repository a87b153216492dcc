import type { Rule } from '../../rule';
import handlerLogsSensitive from '../handler-logs-sensitive/rule';
import handlerEnvSecret from '../handler-env-secret/rule';
import handlerUnvalidatedInput from '../handler-unvalidated-input/rule';
import handlerInjection from '../handler-injection/rule';
import handlerUnsanitizedHtml from '../handler-unsanitized-html/rule';
import handlerErrorLeak from '../handler-error-leak/rule';
import handlerPromptInjection from '../handler-prompt-injection/rule';
import lambdaDeprecatedRuntime from '../lambda-deprecated-runtime/rule';

/** Lambda handlers, in catalog order. */
export const handlerRules: Rule[] = [
  handlerLogsSensitive,
  handlerEnvSecret,
  handlerUnvalidatedInput,
  handlerInjection,
  handlerUnsanitizedHtml,
  handlerErrorLeak,
  lambdaDeprecatedRuntime,
  handlerPromptInjection,
];
