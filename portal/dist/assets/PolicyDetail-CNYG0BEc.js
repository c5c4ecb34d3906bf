const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/Markdown-B9R1b7sq.js","assets/jsx-runtime-Wy9s6hX0.js","assets/ShareChart-DoxpfMj9.js","assets/useTranslation-BHcLAHjw.js","assets/shim-DunLBOUm.js","assets/BarChart-AG1-YkEA.js","assets/CartesianChart-rjODRbz2.js","assets/index-BQF-CtQ0.js","assets/chunk-YDNE64FV--Sw1qjUD.js","assets/usePageTitle-CNuGqkbR.js","assets/format-DyU-Atiu.js","assets/incentive-DFARsnoZ.js","assets/preload-helper-7y9sWmk5.js","assets/index-DD5lbEBg.css","assets/ErrorBarContext-DAlvFDB1.js"])))=>i.map(i=>d[i]);
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{n as r,u as i}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{a as o,l as s,o as c,t as l,u}from"./usePageTitle-CNuGqkbR.js";import{_ as d,g as f,h as p,m,o as h}from"./index-BQF-CtQ0.js";import{t as g}from"./preload-helper-7y9sWmk5.js";import{t as _}from"./PolicyAudience-Cpwd6IB8.js";import{n as v}from"./format-DyU-Atiu.js";var y=e(t(),1),b=n(),x=(0,y.lazy)(()=>g(()=>import(`./Markdown-B9R1b7sq.js`),__vite__mapDeps([0,1])));function S({source:e}){return(0,b.jsx)(y.Suspense,{fallback:(0,b.jsx)(`div`,{className:`markdown pre`,children:e}),children:(0,b.jsx)(x,{source:e})})}var C={ADDED:`+`,REMOVED:`−`,SAME:` `};function w(e){return e===`ADDED`||e===`REMOVED`?e:`SAME`}function T(e,t=2){let n=e.map(e=>w(e.op)),r=n.map((e,t)=>e===`SAME`?-1:t).filter(e=>e>=0);if(!r.length)return e.map(e=>({kind:`line`,op:`SAME`,text:e.text,sign:` `}));let i=e.map((e,n)=>r.some(e=>Math.abs(e-n)<=t)),a=[],o=0;return e.forEach((e,t)=>{i[t]?(o&&a.push({kind:`fold`,count:o}),o=0,a.push({kind:`line`,op:n[t],text:e.text,sign:C[n[t]]})):o++}),o&&a.push({kind:`fold`,count:o}),a}function E(e){let t=0,n=0;for(let r of e)r.op===`ADDED`?t++:r.op===`REMOVED`&&n++;return{added:t,removed:n}}function D({acknowledgements:e,pending:t}){let n=new Set(t.map(e=>e.id)),r=new Map,i=e=>{let t=r.get(e.id);return t||(t={channelID:e.id,channel:e.name,acknowledged:0,pending:0,share:0},r.set(e.id,t)),t},a=new Set;for(let t of e)n.has(t.dealer.id)||a.has(t.dealer.id)||(a.add(t.dealer.id),i(t.dealer.channel).acknowledged++);for(let e of t)i(e.channel).pending++;return[...r.values()].map(e=>({...e,share:Math.round(100*e.acknowledged/(e.acknowledged+e.pending))})).sort((e,t)=>e.channel.localeCompare(t.channel))}var O=(0,y.lazy)(()=>g(()=>import(`./ShareChart-DoxpfMj9.js`),__vite__mapDeps([2,3,1,4,5,6,7,8,9,10,11,12,13,14]))),k=c(`
  query Policy($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on ChannelPolicy {
        kind
        title
        body
        version
        acknowledgeVersion
        status
        effectiveFrom
        effectiveTo
        publishedAt
        versionPublishedAt
        publishedByName
        withdrawnAt
        withdrawalNote
        needsAcknowledgement
        acknowledgedAt
        audience {
          ...AudienceFields
        }
        versions {
          id
          version
          title
          effectiveFrom
          effectiveTo
          material
          publishedAt
          publishedByName
        }
      }
    }
  }
`),A=c(`
  query PolicyChanges($id: ID!, $from: Int, $to: Int) {
    node(id: $id) {
      __typename
      id
      ... on ChannelPolicy {
        changes(from: $from, to: $to) {
          from
          to
          titleChanged
          effectiveChanged
          audienceChanged
          lines {
            op
            text
          }
        }
      }
    }
  }
`),j=c(`
  query PolicyDashboard($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on ChannelPolicy {
        acknowledgedCount
        pendingDealers(first: 100) {
          totalCount
          edges {
            node {
              id
              code
              name
              channel {
                id
                name
              }
            }
          }
        }
        acknowledgements {
          id
          version
          userName
          acknowledgedAt
          dealer {
            id
            name
            channel {
              id
              name
            }
          }
        }
      }
    }
  }
`),M=c(`
  mutation RemindPolicy($id: ID!) {
    remindPolicy(id: $id) {
      id
    }
  }
`),N=c(`
  mutation WithdrawPolicy($id: ID!, $note: String!) {
    withdrawPolicy(id: $id, note: $note) {
      id
      status
      withdrawnAt
      withdrawalNote
    }
  }
`);function P(){let{t:e,i18n:t}=a(),{id:n=``}=i(),[{data:o}]=d(),s=o?.me.role!==`DEALER`,[{data:c,error:g,fetching:y},x]=u({query:k,variables:{id:n}}),C=c?.node?.__typename===`ChannelPolicy`?c.node:null;l(C?.title??e(`policies.title`));let w=()=>x({requestPolicy:`network-only`}),T=(0,b.jsx)(`p`,{className:`back`,children:(0,b.jsxs)(r,{to:`/policies`,children:[`← `,e(`policies.back`)]})});if(y&&!c)return(0,b.jsx)(f,{});if(g&&!c)return(0,b.jsxs)(b.Fragment,{children:[T,(0,b.jsx)(p,{error:g,onRetry:w})]});if(!C)return(0,b.jsxs)(b.Fragment,{children:[T,(0,b.jsx)(m,{children:e(`policies.notFound`)})]});let E=C.status===`WITHDRAWN`;return(0,b.jsxs)(`article`,{"aria-labelledby":`policy-title`,className:`policy`,children:[T,(0,b.jsxs)(`p`,{className:`eyebrow`,children:[e(`policyKind.${C.kind}`),` · `,e(`policies.versionN`,{version:C.version})]}),(0,b.jsx)(`h1`,{id:`policy-title`,children:C.title}),E&&(0,b.jsxs)(`p`,{className:`notice notice-hold`,children:[e(`policies.withdrawnOn`,{time:v(C.withdrawnAt??``,t.language)}),` `,C.withdrawalNote]}),(0,b.jsxs)(`dl`,{className:`facts`,children:[(0,b.jsxs)(`div`,{children:[(0,b.jsx)(`dt`,{children:e(`policies.effective`)}),(0,b.jsx)(`dd`,{children:C.effectiveTo?e(`policies.range`,{from:C.effectiveFrom,to:C.effectiveTo}):e(`policies.from`,{date:C.effectiveFrom})})]}),(0,b.jsxs)(`div`,{children:[(0,b.jsx)(`dt`,{children:e(`policies.appliesTo`)}),(0,b.jsx)(`dd`,{children:(0,b.jsx)(_,{audience:C.audience})})]}),(0,b.jsxs)(`div`,{children:[(0,b.jsx)(`dt`,{children:e(`policies.published`)}),(0,b.jsxs)(`dd`,{children:[v(C.versionPublishedAt,t.language),` · `,C.publishedByName]})]})]}),!s&&(0,b.jsx)(`div`,{className:`acknowledgement`,"data-field":`acknowledgement`,children:C.needsAcknowledgement?(0,b.jsxs)(b.Fragment,{children:[(0,b.jsx)(`p`,{className:`badge badge-hold`,children:e(`policies.needsAcknowledgement`)}),(0,b.jsx)(h,{policyID:C.id})]}):C.acknowledgedAt?(0,b.jsx)(`p`,{className:`badge badge-active`,children:e(`policies.acknowledgedAt`,{time:v(C.acknowledgedAt,t.language)})}):null}),s&&!E&&(0,b.jsx)(`p`,{className:`actions-row`,children:(0,b.jsx)(r,{className:`button`,to:`/policies/${encodeURIComponent(C.id)}/amend`,"data-link":`amend`,children:e(`policies.amend`)})}),(0,b.jsxs)(`section`,{"aria-labelledby":`policy-body`,children:[(0,b.jsx)(`h2`,{id:`policy-body`,className:`visually-hidden`,children:e(`policies.body`)}),(0,b.jsx)(S,{source:C.body})]}),s&&(0,b.jsx)(I,{id:C.id,withdrawn:E}),(0,b.jsx)(F,{id:C.id,versions:C.versions}),s&&!E&&(0,b.jsx)(L,{id:C.id})]})}function F({id:e,versions:t}){let{t:n,i18n:r}=a(),i=(0,y.useId)(),o=(0,y.useId)(),[s,c]=(0,y.useState)({from:null,to:null}),l=t.length>1,[{data:d,error:f}]=u({query:A,variables:{id:e,from:s.from,to:s.to},pause:!l}),m=d?.node?.__typename===`ChannelPolicy`?d.node.changes:null,h=m?E(m.lines):null;return(0,b.jsxs)(`section`,{"aria-labelledby":`policy-versions`,children:[(0,b.jsx)(`h2`,{id:`policy-versions`,children:n(`policies.versions`)}),(0,b.jsx)(`ol`,{className:`history versions`,children:[...t].reverse().map(e=>(0,b.jsxs)(`li`,{children:[(0,b.jsx)(`span`,{className:`history-what`,children:n(`policies.versionN`,{version:e.version})}),` `,e.title,` `,e.version>1&&(0,b.jsx)(`span`,{className:`badge`,children:e.material?n(`policies.material`):n(`policies.notMaterial`)}),` `,(0,b.jsx)(`span`,{className:`history-who`,children:e.publishedByName}),` `,(0,b.jsx)(`time`,{dateTime:e.publishedAt,children:v(e.publishedAt,r.language)})]},e.id))}),l&&(0,b.jsxs)(b.Fragment,{children:[(0,b.jsx)(`h3`,{children:n(`policies.changes`)}),(0,b.jsxs)(`div`,{className:`filter`,children:[(0,b.jsx)(`label`,{htmlFor:i,children:n(`policies.compareFrom`)}),(0,b.jsx)(`select`,{id:i,value:s.from??m?.from??``,onChange:e=>c(t=>({...t,from:Number(e.target.value)})),children:t.map(e=>(0,b.jsx)(`option`,{value:e.version,children:n(`policies.versionN`,{version:e.version})},e.id))}),(0,b.jsx)(`label`,{htmlFor:o,children:n(`policies.compareTo`)}),(0,b.jsx)(`select`,{id:o,value:s.to??m?.to??``,onChange:e=>c(t=>({...t,to:Number(e.target.value)})),children:t.map(e=>(0,b.jsx)(`option`,{value:e.version,children:n(`policies.versionN`,{version:e.version})},e.id))})]}),f&&!d&&(0,b.jsx)(p,{error:f}),m&&h&&(0,b.jsxs)(b.Fragment,{children:[(0,b.jsxs)(`p`,{className:`muted`,children:[n(`policies.changeCounts`,{added:h.added,removed:h.removed}),m.titleChanged&&(0,b.jsxs)(b.Fragment,{children:[` · `,n(`policies.titleChanged`)]}),m.effectiveChanged&&(0,b.jsxs)(b.Fragment,{children:[` · `,n(`policies.effectiveChanged`)]}),m.audienceChanged&&(0,b.jsxs)(b.Fragment,{children:[` · `,n(`policies.audienceChanged`)]})]}),(0,b.jsx)(`ol`,{className:`changes`,"aria-label":n(`policies.changes`),children:T(m.lines).map((e,t)=>e.kind===`fold`?(0,b.jsx)(`li`,{className:`change-fold`,children:n(`policies.unchangedLines`,{count:e.count})},t):(0,b.jsxs)(`li`,{className:`change change-${e.op.toLowerCase()}`,children:[(0,b.jsx)(`span`,{className:`change-sign`,"aria-hidden":`true`,children:e.sign}),e.op!==`SAME`&&(0,b.jsx)(`span`,{className:`visually-hidden`,children:n(`policies.op.${e.op}`)}),(0,b.jsx)(`span`,{className:`change-text`,children:e.text||` `})]},t))})]})]})]})}function I({id:e,withdrawn:t}){let{t:n}=a(),[{data:i,error:c},l]=u({query:j,variables:{id:e}}),[d,f]=s(M),[h,g]=(0,y.useState)(!1),_=i?.node?.__typename===`ChannelPolicy`?i.node:null;if(c&&!i)return(0,b.jsx)(p,{error:c,onRetry:()=>l({requestPolicy:`network-only`})});if(!_)return null;let v=(_.pendingDealers?.edges??[]).flatMap(e=>e?.node?[e.node]:[]),x=D({acknowledgements:_.acknowledgements??[],pending:v}),S=_.pendingDealers?.totalCount??0;return(0,b.jsxs)(`section`,{"aria-labelledby":`policy-dashboard`,className:`policy-dashboard`,children:[(0,b.jsx)(`h2`,{id:`policy-dashboard`,children:n(`policies.dashboard`)}),(0,b.jsxs)(`p`,{children:[n(`policies.acknowledgedBy`,{count:_.acknowledgedCount??0}),` ·`,` `,n(`policies.pendingCount`,{count:S})]}),x.length>0&&(0,b.jsxs)(`figure`,{className:`chart`,"aria-labelledby":`policy-share-title`,children:[(0,b.jsx)(`figcaption`,{id:`policy-share-title`,children:n(`policies.shareByChannel`)}),(0,b.jsx)(y.Suspense,{fallback:null,children:(0,b.jsx)(O,{rows:x})}),(0,b.jsxs)(`table`,{className:`table share-table`,children:[(0,b.jsx)(`thead`,{children:(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`col`,children:n(`policies.channel`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:n(`policies.acknowledged`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:n(`policies.pending`)}),(0,b.jsx)(`th`,{scope:`col`,className:`num`,children:n(`policies.share`)})]})}),(0,b.jsx)(`tbody`,{children:x.map(e=>(0,b.jsxs)(`tr`,{children:[(0,b.jsx)(`th`,{scope:`row`,"data-label":n(`policies.channel`),children:e.channel}),(0,b.jsx)(`td`,{"data-label":n(`policies.acknowledged`),className:`num`,children:e.acknowledged}),(0,b.jsx)(`td`,{"data-label":n(`policies.pending`),className:`num`,children:e.pending}),(0,b.jsxs)(`td`,{"data-label":n(`policies.share`),className:`num`,children:[e.share,`%`]})]},e.channelID))})]})]}),(0,b.jsx)(`h3`,{children:n(`policies.pendingDealers`)}),!t&&S>0&&(0,b.jsxs)(`p`,{className:`actions-row`,children:[(0,b.jsx)(`button`,{type:`button`,className:`button`,"data-action":`remind`,disabled:d.fetching,onClick:async()=>{let t=await f({id:e});g(!t.error)},children:n(`policies.remind`)}),(0,b.jsx)(`span`,{role:`status`,className:`muted`,children:h?n(`policies.reminded`):``}),d.error&&(0,b.jsx)(`span`,{className:`field-error`,children:o(n,d.error)})]}),v.length?(0,b.jsx)(`ul`,{className:`links pending-dealers`,children:v.map(e=>(0,b.jsxs)(`li`,{"data-dealer":e.name,children:[(0,b.jsx)(r,{to:`/dealers/${encodeURIComponent(e.id)}`,children:e.name}),` `,(0,b.jsx)(`span`,{className:`muted mono`,children:e.code}),` `,(0,b.jsx)(`span`,{className:`muted`,children:e.channel.name})]},e.id))}):(0,b.jsx)(m,{children:n(`policies.nonePending`)}),S>v.length&&(0,b.jsx)(`p`,{className:`muted`,children:n(`policies.morePending`,{count:S-v.length})}),(0,b.jsx)(`p`,{children:(0,b.jsx)(`button`,{type:`button`,className:`button button-quiet`,"data-action":`refresh`,onClick:()=>l({requestPolicy:`network-only`}),children:n(`policies.refresh`)})})]})}function L({id:e}){let{t}=a(),n=(0,y.useId)(),[r,i]=(0,y.useState)(!1),[c,l]=(0,y.useState)(``),[{fetching:u,error:d},f]=s(N);return r?(0,b.jsxs)(`form`,{className:`form withdraw-form`,onSubmit:async t=>{t.preventDefault(),(await f({id:e,note:c})).error||i(!1)},children:[(0,b.jsxs)(`div`,{className:`field`,children:[(0,b.jsx)(`label`,{htmlFor:n,children:t(`policies.withdrawNote`)}),(0,b.jsx)(`textarea`,{id:n,value:c,onChange:e=>l(e.target.value),rows:3,required:!0})]}),d&&(0,b.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(t,d)}),(0,b.jsxs)(`p`,{className:`actions-row`,children:[(0,b.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:u,children:t(`policies.withdrawConfirm`)}),(0,b.jsx)(`button`,{type:`button`,className:`button button-quiet`,onClick:()=>i(!1),children:t(`policies.cancel`)})]})]}):(0,b.jsx)(`p`,{children:(0,b.jsx)(`button`,{type:`button`,className:`button`,"data-action":`withdraw`,onClick:()=>i(!0),children:t(`policies.withdraw`)})})}export{A as PolicyChangesQuery,j as PolicyDashboardQuery,P as PolicyDetail,k as PolicyQuery,M as RemindPolicyMutation,N as WithdrawPolicyMutation,S as t};