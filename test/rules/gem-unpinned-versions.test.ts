import rule from '../../server/src/rules/gem-unpinned-versions';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM ruby:3.3-slim\nRUN gem install bundler:2.5.16',
    'FROM ruby:3.3-slim\nRUN gem i bundler:2.5.16 rake:13.2.1',
    'FROM ruby:3.3-slim\nRUN gem install bundler -v 2.5.16',
    'FROM ruby:3.3-slim\nRUN gem install bundler --version "~> 2.5"',
    'FROM ruby:3.3-slim\nRUN gem install bundler --version=2.5.16',
    'FROM ruby:3.3-slim\nRUN gem install nokogiri:1.16.7 -- --use-system-libraries',
    'FROM ruby:3.3-slim\nRUN gem install nokogiri:1.16.7 --use-system-libraries true',
    'FROM ruby:3.3-slim\nRUN gem install ./vendor/app-1.0.gem',
    'FROM ruby:3.3-slim\nRUN gem install bundler:${BUNDLER_VERSION}',
    'FROM ruby:3.3-slim\nRUN gem install "$GEM"',
    'FROM ruby:3.3-slim\nRUN gem update --system',
    'FROM ruby:3.3-slim\nRUN bundle install',
  ],
  invalid: [
    {
      code: 'FROM ruby:3.3-slim\nRUN gem install bundler',
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 24 }],
    },
    {
      code: 'FROM ruby:3.3-slim\nRUN gem i bundler:2.5.16 nokogiri --no-document',
      findings: [{ line: 2, column: 26, endLine: 2, endColumn: 34 }],
    },
    {
      code: 'FROM ruby:3.3-slim\nRUN sudo gem install -N --install-dir /gems rails',
      findings: [{ line: 2, column: 45, endLine: 2, endColumn: 50 }],
    },
    {
      code: 'FROM ruby:3.3-slim\nONBUILD RUN gem install rake',
      findings: [{ line: 2, column: 25, endLine: 2, endColumn: 29 }],
    },
  ],
});
