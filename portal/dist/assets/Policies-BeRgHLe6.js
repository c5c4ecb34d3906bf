import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r,n as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{o,t as s,u as c}from"./usePageTitle-CUEgSYxO.js";import{t as l}from"./viewer-BCh4hgTe.js";import{y as u}from"./index-Bfgpyg1k.js";import{t as d}from"./Pager-DAfnWMpG.js";import{n as f,r as p,t as m}from"./States-Fx22-PiY.js";import{t as h}from"./PolicyAudience-C3FAhHc6.js";import{i as g,t as _}from"./format-B5R3HS_1.js";var v=e(t(),1),y=n(),b=20,x=[`PRICING`,`REBATE`,`PROMOTION`,`CREDIT`,`TERRITORY`,`GENERAL`],S=o(`
  query Policies($kind: PolicyKind, $includeWithdrawn: Boolean, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    policies(kind: $kind, includeWithdrawn: $includeWithdrawn, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          kind
          title
          version
          status
          effectiveFrom
          effectiveTo
          versionPublishedAt
          needsAcknowledgement
          acknowledgedAt
          acknowledgedCount
          audience {
            ...AudienceFields
          }
        }
      }
    }
  }
`);function C(e){return!!e&&x.includes(e)}function w(){let{t:e,i18n:t}=a(),[{data:n}]=l(),o=n?.me.role!==`DEALER`;s(e(`policies.title`));let w=(0,v.useId)(),[T,E]=r(),D=C(T.get(`kind`))?T.get(`kind`):null,O=T.get(`withdrawn`)===`1`,k=T.get(`after`),A=T.get(`before`),j={kind:D,includeWithdrawn:O||null,...A?{last:b,before:A}:{first:b,after:k??null}},[{data:M,error:N,fetching:P},F]=c({query:S,variables:j}),I=()=>F({requestPolicy:`network-only`}),L=e=>{let t={},n=e.kind===void 0?D:e.kind;n&&(t.kind=n),(e.withdrawn??O)&&(t.withdrawn=`1`),e.after&&(t.after=e.after),e.before&&(t.before=e.before),E(t)},R=M?.policies,z=(R?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,y.jsxs)(`section`,{"aria-labelledby":`policies-title`,children:[(0,y.jsxs)(`div`,{className:`page-head`,children:[(0,y.jsx)(`h1`,{id:`policies-title`,children:e(`policies.title`)}),o&&(0,y.jsx)(i,{className:`button button-primary`,to:`/policies/new`,"data-link":`new-policy`,children:e(`policies.new`)})]}),(0,y.jsx)(`p`,{className:`lead`,children:e(o?`policies.staffIntro`:`policies.intro`)}),(0,y.jsxs)(`div`,{className:`filter`,children:[(0,y.jsx)(`label`,{htmlFor:w,children:e(`policies.filterKind`)}),(0,y.jsxs)(`select`,{id:w,value:D??``,onChange:e=>L({kind:e.target.value||null}),children:[(0,y.jsx)(`option`,{value:``,children:e(`policies.allKinds`)}),x.map(t=>(0,y.jsx)(`option`,{value:t,children:e(`policyKind.${t}`)},t))]}),(0,y.jsxs)(`label`,{className:`check`,children:[(0,y.jsx)(`input`,{type:`checkbox`,checked:O,onChange:e=>L({withdrawn:e.target.checked})}),` `,e(`policies.includeWithdrawn`)]})]}),P&&!M?(0,y.jsx)(p,{}):N&&!M?(0,y.jsx)(f,{error:N,onRetry:I}):z.length?(0,y.jsxs)(y.Fragment,{children:[(0,y.jsx)(`p`,{className:`count`,children:e(`policies.count`,{count:R?.totalCount??0})}),(0,y.jsx)(`ul`,{className:`cards policy-list`,children:z.map(n=>(0,y.jsxs)(`li`,{className:`card${n.needsAcknowledgement?` card-attention`:``}`,"data-policy":n.title,children:[(0,y.jsxs)(`p`,{className:`card-title`,children:[(0,y.jsx)(i,{to:`/policies/${encodeURIComponent(n.id)}`,children:n.title}),` `,(0,y.jsx)(`span`,{className:`badge`,children:e(`policyKind.${n.kind}`)}),n.status===`WITHDRAWN`&&(0,y.jsx)(`span`,{className:`badge badge-terminated`,children:e(`policies.withdrawn`)})]}),(0,y.jsxs)(`p`,{className:`muted`,children:[e(`policies.versionN`,{version:n.version}),` ·`,` `,n.effectiveTo?e(`policies.effectiveRange`,{from:_(n.effectiveFrom,t.language),to:_(n.effectiveTo,t.language)}):e(`policies.effectiveFrom`,{date:_(n.effectiveFrom,t.language)})]}),(0,y.jsxs)(`p`,{children:[e(`policies.appliesTo`),` `,(0,y.jsx)(h,{audience:n.audience})]}),o?(0,y.jsx)(`p`,{className:`muted`,children:e(`policies.acknowledgedBy`,{count:n.acknowledgedCount??0})}):n.needsAcknowledgement?(0,y.jsxs)(y.Fragment,{children:[(0,y.jsx)(`p`,{className:`badge badge-hold`,children:e(`policies.needsAcknowledgement`)}),(0,y.jsx)(u,{policyID:n.id})]}):n.acknowledgedAt?(0,y.jsx)(`p`,{className:`muted`,children:e(`policies.acknowledgedAt`,{time:g(n.acknowledgedAt,t.language)})}):null]},n.id))}),R&&(0,y.jsx)(d,{pageInfo:R.pageInfo,onPage:e=>L(e)})]}):(0,y.jsx)(m,{children:e(`policies.empty`)})]})}export{x as POLICY_KINDS,w as Policies,S as PoliciesQuery};