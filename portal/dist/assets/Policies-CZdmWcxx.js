import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r,n as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{o,t as s,u as c}from"./usePageTitle-CNuGqkbR.js";import{_ as l,a as u,g as d,h as f,m as p,o as m}from"./index-BQF-CtQ0.js";import{t as h}from"./PolicyAudience-Cpwd6IB8.js";import{n as g}from"./format-DyU-Atiu.js";var _=e(t(),1),v=n(),y=20,b=[`PRICING`,`REBATE`,`PROMOTION`,`CREDIT`,`TERRITORY`,`GENERAL`],x=o(`
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
`);function S(e){return!!e&&b.includes(e)}function C(){let{t:e,i18n:t}=a(),[{data:n}]=l(),o=n?.me.role!==`DEALER`;s(e(`policies.title`));let C=(0,_.useId)(),[w,T]=r(),E=S(w.get(`kind`))?w.get(`kind`):null,D=w.get(`withdrawn`)===`1`,O=w.get(`after`),k=w.get(`before`),A={kind:E,includeWithdrawn:D||null,...k?{last:y,before:k}:{first:y,after:O??null}},[{data:j,error:M,fetching:N},P]=c({query:x,variables:A}),F=()=>P({requestPolicy:`network-only`}),I=e=>{let t={},n=e.kind===void 0?E:e.kind;n&&(t.kind=n),(e.withdrawn??D)&&(t.withdrawn=`1`),e.after&&(t.after=e.after),e.before&&(t.before=e.before),T(t)},L=j?.policies,R=(L?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,v.jsxs)(`section`,{"aria-labelledby":`policies-title`,children:[(0,v.jsxs)(`div`,{className:`page-head`,children:[(0,v.jsx)(`h1`,{id:`policies-title`,children:e(`policies.title`)}),o&&(0,v.jsx)(i,{className:`button button-primary`,to:`/policies/new`,"data-link":`new-policy`,children:e(`policies.new`)})]}),(0,v.jsx)(`p`,{className:`lead`,children:e(o?`policies.staffIntro`:`policies.intro`)}),(0,v.jsxs)(`div`,{className:`filter`,children:[(0,v.jsx)(`label`,{htmlFor:C,children:e(`policies.filterKind`)}),(0,v.jsxs)(`select`,{id:C,value:E??``,onChange:e=>I({kind:e.target.value||null}),children:[(0,v.jsx)(`option`,{value:``,children:e(`policies.allKinds`)}),b.map(t=>(0,v.jsx)(`option`,{value:t,children:e(`policyKind.${t}`)},t))]}),(0,v.jsxs)(`label`,{className:`check`,children:[(0,v.jsx)(`input`,{type:`checkbox`,checked:D,onChange:e=>I({withdrawn:e.target.checked})}),` `,e(`policies.includeWithdrawn`)]})]}),N&&!j?(0,v.jsx)(d,{}):M&&!j?(0,v.jsx)(f,{error:M,onRetry:F}):R.length?(0,v.jsxs)(v.Fragment,{children:[(0,v.jsx)(`p`,{className:`count`,children:e(`policies.count`,{count:L?.totalCount??0})}),(0,v.jsx)(`ul`,{className:`cards policy-list`,children:R.map(n=>(0,v.jsxs)(`li`,{className:`card${n.needsAcknowledgement?` card-attention`:``}`,"data-policy":n.title,children:[(0,v.jsxs)(`p`,{className:`card-title`,children:[(0,v.jsx)(i,{to:`/policies/${encodeURIComponent(n.id)}`,children:n.title}),` `,(0,v.jsx)(`span`,{className:`badge`,children:e(`policyKind.${n.kind}`)}),n.status===`WITHDRAWN`&&(0,v.jsx)(`span`,{className:`badge badge-terminated`,children:e(`policies.withdrawn`)})]}),(0,v.jsxs)(`p`,{className:`muted`,children:[e(`policies.versionN`,{version:n.version}),` ·`,` `,n.effectiveTo?e(`policies.effectiveRange`,{from:n.effectiveFrom,to:n.effectiveTo}):e(`policies.effectiveFrom`,{date:n.effectiveFrom})]}),(0,v.jsxs)(`p`,{children:[e(`policies.appliesTo`),` `,(0,v.jsx)(h,{audience:n.audience})]}),o?(0,v.jsx)(`p`,{className:`muted`,children:e(`policies.acknowledgedBy`,{count:n.acknowledgedCount??0})}):n.needsAcknowledgement?(0,v.jsxs)(v.Fragment,{children:[(0,v.jsx)(`p`,{className:`badge badge-hold`,children:e(`policies.needsAcknowledgement`)}),(0,v.jsx)(m,{policyID:n.id})]}):n.acknowledgedAt?(0,v.jsx)(`p`,{className:`muted`,children:e(`policies.acknowledgedAt`,{time:g(n.acknowledgedAt,t.language)})}):null]},n.id))}),L&&(0,v.jsx)(u,{pageInfo:L.pageInfo,onPage:e=>I(e)})]}):(0,v.jsx)(p,{children:e(`policies.empty`)})]})}export{b as POLICY_KINDS,C as Policies,x as PoliciesQuery};