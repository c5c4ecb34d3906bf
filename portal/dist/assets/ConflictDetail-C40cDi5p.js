import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{n as r,u as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{a as o,l as s,o as c,t as l,u}from"./usePageTitle-CNuGqkbR.js";import{_ as d,g as f,h as p,m}from"./index-BQF-CtQ0.js";import{n as h}from"./format-DyU-Atiu.js";import{CaseStatus as g}from"./Conflicts-C05P4Aci.js";var _=e(t(),1),v=n(),y=c(`
  fragment ConflictCaseFields on ConflictCase {
    id
    number
    kind
    severity
    status
    summary
    evidence
    dueOn
    overdue
    resolutionNote
    resolvedAt
    openedByName
    openedAt
    lastActivityAt
    allowedTransitions
    territory {
      id
      name
    }
    reporterDealer {
      id
      name
    }
    parties {
      id
      name
    }
    evidenceOrders {
      id
      number
    }
    comments {
      id
      authorName
      fromStaff
      internal
      body
      at
    }
    history {
      id
      action
      from
      to
      actorName
      note
      internal
      at
    }
  }
`),b=c(`
  query ConflictCase($id: ID!) {
    node(id: $id) {
      __typename
      id
      ...ConflictCaseFields
    }
  }
`),x=c(`
  mutation MoveConflictCase($id: ID!, $to: ConflictStatus!, $note: String) {
    moveConflictCase(id: $id, to: $to, note: $note) {
      ...ConflictCaseFields
    }
  }
`),S=c(`
  mutation CommentOnConflictCase($id: ID!, $body: String!, $internal: Boolean) {
    commentOnConflictCase(id: $id, body: $body, internal: $internal) {
      ...ConflictCaseFields
    }
  }
`);function C(){let{t:e,i18n:t}=a(),{id:n=``}=i(),[{data:o}]=d(),s=o?.me.role!==`DEALER`,[{data:c,error:_,fetching:y},x]=u({query:b,variables:{id:n}}),S=c?.node?.__typename===`ConflictCase`?c.node:null;l(S?.number??e(`conflicts.title`));let C=(0,v.jsx)(`p`,{className:`back`,children:(0,v.jsxs)(r,{to:`/conflicts`,children:[`← `,e(`conflicts.back`)]})});return y&&!c?(0,v.jsx)(f,{}):_&&!c?(0,v.jsxs)(v.Fragment,{children:[C,(0,v.jsx)(p,{error:_,onRetry:()=>x({requestPolicy:`network-only`})})]}):S?(0,v.jsxs)(`article`,{"aria-labelledby":`case-title`,className:`conflict-case`,children:[C,(0,v.jsxs)(`p`,{className:`eyebrow`,children:[e(`conflictKind.${S.kind}`),` ·`,` `,(0,v.jsx)(`span`,{className:`badge severity-${S.severity.toLowerCase()}`,children:e(`conflictSeverity.${S.severity}`)})]}),(0,v.jsxs)(`h1`,{id:`case-title`,children:[(0,v.jsx)(`span`,{className:`mono`,children:S.number}),` `,(0,v.jsx)(g,{status:S.status})]}),(0,v.jsx)(`p`,{className:`case-summary`,children:S.summary}),(0,v.jsxs)(`dl`,{className:`facts`,children:[(0,v.jsxs)(`div`,{children:[(0,v.jsx)(`dt`,{children:e(`conflicts.parties`)}),(0,v.jsx)(`dd`,{className:`case-parties`,children:S.parties.map(e=>e.name).join(`, `)})]}),(0,v.jsxs)(`div`,{children:[(0,v.jsx)(`dt`,{children:e(`conflicts.territory`)}),(0,v.jsx)(`dd`,{children:S.territory?.name??e(`conflicts.noTerritory`)})]}),(0,v.jsxs)(`div`,{children:[(0,v.jsx)(`dt`,{children:e(`conflicts.openedBy`)}),(0,v.jsxs)(`dd`,{children:[S.openedByName,S.reporterDealer&&(0,v.jsxs)(v.Fragment,{children:[` (`,S.reporterDealer.name,`)`]}),` · `,h(S.openedAt,t.language)]})]}),(0,v.jsxs)(`div`,{children:[(0,v.jsx)(`dt`,{children:e(`conflicts.dueOn`)}),(0,v.jsxs)(`dd`,{children:[S.dueOn,` `,S.overdue&&(0,v.jsx)(`span`,{className:`badge badge-terminated`,children:e(`conflicts.overdue`)})]})]})]}),S.resolutionNote&&(0,v.jsxs)(`p`,{className:`notice`,children:[e(`conflicts.resolution`),`: `,S.resolutionNote]}),(S.evidence||S.evidenceOrders.length>0)&&(0,v.jsxs)(`section`,{"aria-labelledby":`case-evidence`,children:[(0,v.jsx)(`h2`,{id:`case-evidence`,children:e(`conflicts.evidence`)}),S.evidence&&(0,v.jsx)(`p`,{className:`pre`,children:S.evidence}),S.evidenceOrders.length>0&&(0,v.jsx)(`ul`,{className:`chips`,children:S.evidenceOrders.map(e=>(0,v.jsx)(`li`,{children:(0,v.jsx)(r,{to:`/orders/${encodeURIComponent(e.id)}`,className:`mono`,children:e.number})},e.id))})]}),s&&S.allowedTransitions.length>0&&(0,v.jsx)(w,{id:S.id,moves:S.allowedTransitions}),(0,v.jsxs)(`section`,{"aria-labelledby":`case-comments`,children:[(0,v.jsx)(`h2`,{id:`case-comments`,children:e(`conflicts.comments`)}),S.comments.length?(0,v.jsx)(`ul`,{className:`comments`,children:S.comments.map(n=>(0,v.jsxs)(`li`,{className:n.internal?`comment comment-internal`:`comment`,children:[(0,v.jsxs)(`p`,{className:`history-who`,children:[n.authorName,` `,n.fromStaff&&(0,v.jsx)(`span`,{className:`badge`,children:e(`conflicts.staff`)}),n.internal&&(0,v.jsx)(`span`,{className:`badge badge-hold`,children:e(`conflicts.internal`)}),` `,(0,v.jsx)(`time`,{dateTime:n.at,children:h(n.at,t.language)})]}),(0,v.jsx)(`p`,{className:`pre`,children:n.body})]},n.id))}):(0,v.jsx)(m,{children:e(`conflicts.noComments`)}),(0,v.jsx)(T,{id:S.id,staff:s})]}),(0,v.jsxs)(`section`,{"aria-labelledby":`case-history`,children:[(0,v.jsx)(`h2`,{id:`case-history`,children:e(`conflicts.history`)}),(0,v.jsx)(`ol`,{className:`history case-history`,children:S.history.map(n=>(0,v.jsxs)(`li`,{children:[(0,v.jsx)(`span`,{className:`history-what`,children:n.from&&n.to?e(`conflicts.moved`,{from:e(`conflictStatus.${n.from}`),to:e(`conflictStatus.${n.to}`)}):e(`conflictAction.${n.action}`)}),` `,n.internal&&(0,v.jsx)(`span`,{className:`badge badge-hold`,children:e(`conflicts.internal`)}),` `,(0,v.jsx)(`span`,{className:`history-who`,children:n.actorName}),` `,(0,v.jsx)(`time`,{dateTime:n.at,children:h(n.at,t.language)}),n.note&&(0,v.jsx)(`p`,{className:`history-note`,children:n.note})]},n.id))})]})]}):(0,v.jsxs)(v.Fragment,{children:[C,(0,v.jsx)(m,{children:e(`conflicts.notFound`)})]})}function w({id:e,moves:t}){let{t:n}=a(),r=(0,_.useId)(),[i,c]=(0,_.useState)(``),[{fetching:l,error:u},d]=s(x);return(0,v.jsxs)(`section`,{"aria-labelledby":`case-move`,className:`case-move`,children:[(0,v.jsx)(`h2`,{id:`case-move`,children:n(`conflicts.move`)}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:r,children:n(`conflicts.moveNote`)}),(0,v.jsx)(`textarea`,{id:r,name:`note`,rows:2,value:i,onChange:e=>c(e.target.value)})]}),(0,v.jsx)(`p`,{className:`actions-row`,children:t.map(t=>(0,v.jsx)(`button`,{type:`button`,className:`button`,"data-move":t,disabled:l,onClick:async()=>{(await d({id:e,to:t,note:i||null})).error||c(``)},children:n(`conflicts.moveTo.${t}`)},t))}),u&&(0,v.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(n,u,`conflicts.refused`)})]})}function T({id:e,staff:t}){let{t:n}=a(),r=(0,_.useId)(),[i,c]=(0,_.useState)(``),[l,u]=(0,_.useState)(!1),[{fetching:d,error:f},p]=s(S);return(0,v.jsxs)(`form`,{className:`form comment-form`,onSubmit:async n=>{n.preventDefault(),(await p({id:e,body:i,internal:t?l:null})).error||c(``)},children:[(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:r,children:n(`conflicts.addComment`)}),(0,v.jsx)(`textarea`,{id:r,name:`comment`,rows:3,value:i,onChange:e=>c(e.target.value)})]}),t&&(0,v.jsxs)(`label`,{className:`check`,children:[(0,v.jsx)(`input`,{type:`checkbox`,name:`internal`,checked:l,onChange:e=>u(e.target.checked)}),` `,n(`conflicts.internalNote`)]}),f&&(0,v.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(n,f)}),(0,v.jsx)(`p`,{className:`actions-row`,children:(0,v.jsx)(`button`,{type:`submit`,className:`button`,disabled:d||!i.trim(),children:n(`conflicts.postComment`)})})]})}export{S as CommentOnConflictCaseMutation,y as ConflictCaseFieldsFragment,b as ConflictCaseQuery,C as ConflictDetail,x as MoveConflictCaseMutation};