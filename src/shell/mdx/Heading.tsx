/** h2/h3 with the ids set at build time (`## Title {/*stable-id*\/}`) and a hover anchor link. */
import type { ComponentPropsWithoutRef } from 'react';

function anchored(Tag: 'h2' | 'h3') {
  return function Heading({ id, children, ...rest }: ComponentPropsWithoutRef<'h2'>) {
    return (
      <Tag id={id} {...rest}>
        {children}
        {id ? (
          <a className="heading-anchor" href={`#${id}`} aria-label="Link to this section">
            #
          </a>
        ) : null}
      </Tag>
    );
  };
}

export const H2 = anchored('h2');
export const H3 = anchored('h3');
